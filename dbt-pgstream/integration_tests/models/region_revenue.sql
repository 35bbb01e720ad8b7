{#- A stream table over a stream table: customer_revenue, 'calculated', inherits this one's 2s. -#}
{{ config(meta={'schedule': '2s', 'refresh_mode': 'differential'}) }}
select c.region, count(*) as customers, sum(r.revenue) as revenue
from {{ ref('customer_revenue') }} r
join {{ ref('customers') }} c on c.customer_id = r.customer_id
group by c.region
