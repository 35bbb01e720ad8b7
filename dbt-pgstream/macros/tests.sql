{#-
  Generic tests on a stream table model (docs/dbt.md). Each returns the rows that fail: one row when the
  model is not a stream table at all, so a test cannot pass on a plain table by accident.
-#}

{#-
  Fresh: refreshed no longer ago than max_staleness (an interval, such as '5 minutes'), or by default
  than schedule_multiple times its effective schedule (a 'calculated' one's inherited interval).
-#}
{% test stream_table_fresh(model, max_staleness=none, schedule_multiple=3) %}
  {%- set limit = "interval " ~ pgstream._literal(max_staleness) if max_staleness is not none
                  else "st.effective_interval * " ~ (schedule_multiple | float) -%}
  with wanted as (select to_regclass({{ pgstream._literal(pgstream._name(model)) }})::text as name)
  select wanted.name, st.status, st.staleness, {{ limit }} as allowed_staleness,
         case when st.id is null then 'not a stream table'
              when st.data_timestamp is null then 'never refreshed'
              when {{ limit }} is null then 'no effective schedule to measure staleness by: give max_staleness'
              else 'stale' end as problem
    from wanted left join pgstream.stream_tables st on st.name = wanted.name
   where st.id is null or st.data_timestamp is null or {{ limit }} is null or st.staleness > {{ limit }}
{% endtest %}

{#- Healthy: active (not suspended or in error), its last refresh did not fail. -#}
{% test stream_table_healthy(model) %}
  with wanted as (select to_regclass({{ pgstream._literal(pgstream._name(model)) }})::text as name)
  select wanted.name, st.status, st.consecutive_errors, st.last_error,
         case when st.id is null then 'not a stream table' else 'unhealthy' end as problem
    from wanted left join pgstream.stream_tables st on st.name = wanted.name
   where st.id is null or st.status <> 'active' or st.consecutive_errors > 0
{% endtest %}
