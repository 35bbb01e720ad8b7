{#- A plain dbt view over a stream table. -#}
{{ config(materialized='view') }}
select region, revenue
from {{ ref('region_revenue') }}
where revenue is not null
order by revenue desc
