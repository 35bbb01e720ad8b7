{#- An aggregate stream table. 'calculated': it refreshes as often as the stream tables reading it need. -#}
{{ config(meta={'schedule': 'calculated'}, indexes=[{'columns': ['customer_id'], 'unique': true}]) }}
select customer_id, count(*) as orders, sum(amount) as revenue, max(ordered_at) as last_order_at
from {{ ref('orders') }}
group by customer_id
