{#- A join stream table, refreshed by every dbt run as well (refresh_on_run), readable by pgstream_user. -#}
{{ config(meta={'schedule': '1s', 'refresh_on_run': true}, grants={'select': ['pgstream_user']},
          indexes=[{'columns': ['region', 'ordered_at']}]) }}
select o.order_id, o.amount, o.ordered_at, c.name as customer_name, c.region
from {{ ref('orders') }} o
left join {{ ref('customers') }} c on c.customer_id = o.customer_id
