{#-
  Run-operations (docs/dbt.md). Each commits what it did: dbt run-operation does not.

    dbt run-operation pgstream_refresh --args '{model_name: customer_revenue}'
    dbt run-operation pgstream_status
    dbt run-operation pgstream_drop --args '{model_name: customer_revenue}'
    dbt run-operation pgstream_drop --args '{relation: analytics.old_model, cascade: true}'
-#}

{#- Refreshes a model's stream table now (after the stream tables it reads) and logs what it did. -#}
{% macro pgstream_refresh(model_name) %}
  {%- set relation = pgstream._model_relation(model_name) -%}
  {%- set result = pgstream._query("select stream_table, action, reason, rows_inserted, rows_deleted, rows_updated, duration"
                             ~ " from pgstream.refresh_stream_table(" ~ pgstream._literal(pgstream._name(relation)) ~ ")").rows[0] -%}
  {%- do adapter.commit() -%}
  {{ log("pg_stream refreshed " ~ result['stream_table'] ~ ": " ~ result['action']
         ~ (" (" ~ result['reason'] ~ ")" if result['reason'] else "")
         ~ ", " ~ result['rows_inserted'] ~ " inserted, " ~ result['rows_deleted'] ~ " deleted, "
         ~ result['rows_updated'] ~ " updated in " ~ result['duration'], info=True) }}
{% endmacro %}

{#- Logs one line per stream table of the database: status, schedule, freshness and the last refresh. -#}
{% macro pgstream_status() %}
  {%- do pgstream._require_pgstream() -%}
  {%- set rows = pgstream._query(
      "select name, status, schedule, effective_interval::text as effective, plan, last_refresh_action,"
      ~ " date_trunc('millisecond', staleness)::text as staleness, pending_changes, consecutive_errors, last_error"
      ~ " from pgstream.stream_tables_info order by name").rows -%}
  {%- do adapter.commit() -%}
  {%- if rows | length == 0 -%}
    {{ log("pg_stream: no stream tables in database " ~ target.dbname, info=True) }}
  {%- endif -%}
  {%- for row in rows -%}
    {{ log(row['name'] ~ ": " ~ row['status'] ~ ", schedule " ~ row['schedule'] ~ " (every " ~ row['effective'] ~ ")"
           ~ ", plan " ~ row['plan'] ~ ", last " ~ row['last_refresh_action'] ~ ", staleness " ~ row['staleness']
           ~ ", pending changes " ~ row['pending_changes']
           ~ (", " ~ row['consecutive_errors'] ~ " errors in a row, last: " ~ row['last_error'] if row['consecutive_errors'] else ""),
           info=True) }}
  {%- endfor -%}
{% endmacro %}

{#-
  Drops a stream table, named by its model or, once the model is gone from the project (dropping a
  model leaves its table, as in dbt), by its relation name. With cascade, the stream tables that read
  it are dropped too; without, that is refused naming them.
-#}
{% macro pgstream_drop(model_name=none, relation=none, cascade=false) %}
  {%- if (model_name is none) == (relation is none) -%}
    {{ exceptions.raise_compiler_error("pgstream_drop takes either model_name or relation") }}
  {%- endif -%}
  {%- set relation = pgstream._name(pgstream._model_relation(model_name)) if relation is none else relation -%}
  {%- do pgstream._query("select pgstream.drop_stream_table(" ~ pgstream._literal(relation)
                   ~ ", cascade => " ~ ('true' if cascade else 'false') ~ ")") -%}
  {%- do adapter.commit() -%}
  {{ log("pg_stream dropped stream table " ~ relation ~ (" and the stream tables reading it" if cascade else ""), info=True) }}
{% endmacro %}
