{#-
  What pg_stream knows about a relation, and the model's pg_stream settings. The SQL API
  (pgstream.create_stream_table and friends, README "SQL API") does the work; these macros only
  read the catalog's monitoring view and write calls to it.
-#}

{#- A SQL string literal (standard_conforming_strings, PostgreSQL's default since 9.1). -#}
{% macro _literal(value) -%}
  '{{ value | string | replace("'", "''") }}'
{%- endmacro %}

{#- The name pg_stream knows a relation by: schema-qualified, quoted, without the database. -#}
{% macro _name(relation) -%}
  {{ return(relation.include(database=False) | string) }}
{%- endmacro %}

{#-
  A query's result table, run in the model's (or operation's) transaction: unlike run_query, it begins
  one, so that what a materialization reads and writes commits together.
-#}
{% macro _query(query) %}
  {% call statement('pgstream_query', fetch_result=True, auto_begin=True) %}{{ query }}{% endcall %}
  {{ return(load_result('pgstream_query').table) }}
{% endmacro %}

{% macro _require_pgstream() %}
  {%- set found = pgstream._query("select to_regclass('pgstream.stream_tables') is not null") -%}
  {%- if not found.rows[0][0] -%}
    {{ exceptions.raise_compiler_error(
        "pg_stream is not installed in database " ~ target.dbname ~ ": run `pg-stream install` against it"
        ~ " (README \"Install\") before materializing models as stream tables") }}
  {%- endif -%}
{% endmacro %}

{#-
  The stream table stored under a relation's name, as a dict (id, schedule, refresh_mode, status, query),
  or none when the relation is not a stream table.
-#}
{% macro _stored_stream_table(relation) %}
  {%- set rows = pgstream._query(
      "select st.id, st.schedule, st.refresh_mode, st.status, st.query, st.query is not null as visible"
      ~ " from pgstream.stream_tables st where st.name = to_regclass(" ~ pgstream._literal(pgstream._name(relation)) ~ ")::text"
  ).rows -%}
  {%- if rows | length == 0 -%}
    {{ return(none) }}
  {%- endif -%}
  {%- set row = rows[0] -%}
  {%- if not row['visible'] -%}
    {{ exceptions.raise_compiler_error(
        "stream table " ~ relation ~ " belongs to a role " ~ target.user ~ " is not a member of:"
        ~ " pg_stream shows its query only to its owner's members and pgstream_admin (README \"Roles and privileges\")") }}
  {%- endif -%}
  {{ return({'id': row['id'], 'schedule': row['schedule'], 'refresh_mode': row['refresh_mode'],
             'status': row['status'], 'query': row['query']}) }}
{% endmacro %}

{#-
  A pg_stream setting of the model. dbt's convention for a package's own configuration is `meta`
  (dbt 1.10+), read here first; a top-level config key of the same name is accepted too.
-#}
{% macro _setting(name, default) %}
  {%- set value = config.meta_get(name) -%}
  {%- if value is none -%}
    {%- set value = config.get(name) -%}
  {%- endif -%}
  {{ return(default if value is none else value) }}
{% endmacro %}

{#- The model's wanted schedule and mode, spelled as pg_stream stores them (lower case, single spaces). -#}
{% macro _wanted_settings() %}
  {%- set schedule = modules.re.sub('\\s+', ' ', pgstream._setting('schedule', 'calculated') | string | trim | lower) -%}
  {%- set refresh_mode = pgstream._setting('refresh_mode', 'auto') | string | trim | lower -%}
  {%- set refresh_on_run = pgstream._setting('refresh_on_run', false) -%}
  {%- if refresh_on_run not in [true, false] -%}
    {{ exceptions.raise_compiler_error("refresh_on_run must be true or false, not " ~ refresh_on_run) }}
  {%- endif -%}
  {{ return({'schedule': schedule, 'refresh_mode': refresh_mode, 'refresh_on_run': refresh_on_run}) }}
{% endmacro %}

{#- The model by name, from dbt's graph, as a relation (for the run-operations). -#}
{% macro _model_relation(model_name) %}
  {%- for node in graph.nodes.values() if node.resource_type == 'model' and node.name == model_name -%}
    {{ return(api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias)) }}
  {%- endfor -%}
  {{ exceptions.raise_compiler_error("no model named " ~ model_name ~ " in this project or its packages") }}
{% endmacro %}
