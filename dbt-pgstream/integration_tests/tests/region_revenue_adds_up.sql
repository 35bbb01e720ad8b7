-- The stream table over a stream table equals its figures computed from the seeds (rows in one but not the other fail).
with expected as (
    select c.region, count(distinct c.customer_id) as customers, sum(o.amount) as revenue
    from {{ ref('customers') }} c
    join {{ ref('orders') }} o on o.customer_id = c.customer_id
    group by c.region
), stored as (
    select region, customers, revenue from {{ ref('region_revenue') }}
)
(select 'missing' as problem, * from (select * from expected except all select * from stored) m)
union all
(select 'unexpected' as problem, * from (select * from stored except all select * from expected) u)
