{#-
  materialized='stream_table': the model becomes a pg_stream stream table (docs/dbt.md).

  - No relation yet: pgstream.create_stream_table with the compiled SQL, then the indexes.
  - A relation that is not a stream table: refused, naming it, unless --full-refresh replaces it.
  - --full-refresh of a stream table: re-initialized in place (its readers, grants and history stay).
  - Otherwise the compiled SQL, schedule, refresh mode and indexes are compared with what is stored;
    a difference is applied with pgstream.alter_stream_table, or warned about or refused, as
    on_configuration_change says. Nothing changed: nothing is done, or a refresh with refresh_on_run.

  Everything runs in dbt's transaction for the model, so a failed run changes nothing.
-#}
{% materialization stream_table, adapter='postgres' %}
  {%- set target_relation = this.incorporate(type='table') -%}
  {%- set existing_relation = load_cached_relation(this) -%}
  {%- set wanted = pgstream._wanted_settings() -%}
  {%- set full_refresh = should_full_refresh() -%}
  {%- if model.get('contract', {}).get('enforced') -%}
    {{ exceptions.raise_compiler_error("model " ~ model.name ~ ": contracts are not enforced on stream tables;"
        ~ " their columns and types are the query's (set contract: {enforced: false})") }}
  {%- endif -%}

  {{ run_hooks(pre_hooks, inside_transaction=False) }}
  {{ run_hooks(pre_hooks, inside_transaction=True) }}

  {%- do pgstream._require_pgstream() -%}
  {%- set stored = none if existing_relation is none else pgstream._stored_stream_table(existing_relation) -%}

  {%- if existing_relation is none -%}
    {%- set outcome = pgstream._create(target_relation, wanted) -%}
  {%- elif stored is none -%}
    {%- if not full_refresh -%}
      {{ exceptions.raise_compiler_error(
          existing_relation.type ~ " " ~ existing_relation ~ " already exists and is not a pg_stream stream table:"
          ~ " drop it, or run `dbt run --full-refresh --select " ~ model.name ~ "` to replace it with the stream table") }}
    {%- endif -%}
    {%- do adapter.drop_relation(existing_relation) -%}
    {%- set outcome = pgstream._create(target_relation, wanted) -%}
  {%- elif full_refresh -%}
    {%- set outcome = pgstream._reinitialize(target_relation, wanted) -%}
  {%- else -%}
    {%- set outcome = pgstream._update(target_relation, stored, wanted) -%}
  {%- endif -%}

  {%- do store_raw_result(name='main', message=outcome, code=outcome.split(' ')[0], rows_affected='-1') -%}

  {%- set grant_config = config.get('grants') -%}
  {%- do apply_grants(target_relation, grant_config, should_revoke=should_revoke(existing_relation, full_refresh_mode=(stored is none))) -%}
  {%- do persist_docs(target_relation, model) -%}

  {{ run_hooks(post_hooks, inside_transaction=True) }}
  {{ adapter.commit() }}
  {{ run_hooks(post_hooks, inside_transaction=False) }}

  {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}


{% macro _create(relation, wanted) %}
  {% call statement('pgstream_create') %}
    select pgstream.create_stream_table(
        {{ pgstream._literal(pgstream._name(relation)) }},
        {{ pgstream._literal(sql) }},
        schedule => {{ pgstream._literal(wanted.schedule) }},
        refresh_mode => {{ pgstream._literal(wanted.refresh_mode) }})
  {% endcall %}
  {%- do pgstream._apply_index_changes(relation) -%}
  {{ return('CREATE stream table') }}
{% endmacro %}


{#- A new query re-initializes a stream table: it is repopulated, and recreated only if its columns change. -#}
{% macro _reinitialize(relation, wanted) %}
  {% call statement('pgstream_reinitialize') %}
    select pgstream.alter_stream_table(
        {{ pgstream._literal(pgstream._name(relation)) }},
        query => {{ pgstream._literal(sql) }},
        schedule => {{ pgstream._literal(wanted.schedule) }},
        refresh_mode => {{ pgstream._literal(wanted.refresh_mode) }},
        status => 'active')
  {% endcall %}
  {%- do pgstream._apply_index_changes(relation) -%}
  {{ return('REINITIALIZE stream table') }}
{% endmacro %}


{% macro _update(relation, stored, wanted) %}
  {%- set changed = [] -%}
  {%- set arguments = [] -%}
  {%- if stored.query != sql -%}
    {%- do changed.append('query') -%}
    {%- do arguments.append('query => ' ~ pgstream._literal(sql)) -%}
  {%- endif -%}
  {%- for setting in ['schedule', 'refresh_mode'] if stored[setting] != wanted[setting] -%}
    {%- do changed.append(setting ~ ' ' ~ stored[setting] ~ ' -> ' ~ wanted[setting]) -%}
    {%- do arguments.append(setting ~ ' => ' ~ pgstream._literal(wanted[setting])) -%}
  {%- endfor -%}
  {%- set index_changes = pgstream._index_changes(relation) -%}
  {%- if index_changes.drop or index_changes.create -%}
    {%- do changed.append('indexes') -%}
  {%- endif -%}

  {%- if changed | length == 0 -%}
    {%- if wanted.refresh_on_run -%}
      {%- set refreshed = pgstream._query("select action, reason from pgstream.refresh_stream_table("
                                    ~ pgstream._literal(pgstream._name(relation)) ~ ")").rows[0] -%}
      {{ return('REFRESH ' ~ refreshed['action'] ~ (' (' ~ refreshed['reason'] ~ ')' if refreshed['reason'] else '')) }}
    {%- endif -%}
    {{ return('UNCHANGED') }}
  {%- endif -%}

  {%- set on_change = config.get('on_configuration_change', 'apply') -%}
  {%- set described = relation ~ ' changed: ' ~ changed | join(', ') -%}
  {%- if on_change == 'continue' -%}
    {%- do exceptions.warn(described ~ "; on_configuration_change is 'continue', so the stream table is left as it is") -%}
    {{ return('SKIP ' ~ changed | join(', ')) }}
  {%- elif on_change == 'fail' -%}
    {%- do exceptions.raise_fail_fast_error(described ~ "; on_configuration_change is 'fail'"
          ~ " (apply the change with on_configuration_change 'apply' or `dbt run --full-refresh`)") -%}
  {%- elif on_change != 'apply' -%}
    {%- do exceptions.raise_compiler_error("on_configuration_change must be apply, continue or fail, not " ~ on_change) -%}
  {%- endif -%}

  {%- if arguments | length > 0 -%}
    {% call statement('pgstream_alter') %}
      select pgstream.alter_stream_table({{ pgstream._literal(pgstream._name(relation)) }}, {{ arguments | join(', ') }})
    {% endcall %}
  {%- endif -%}
  {%- do pgstream._apply_index_changes(relation) -%}
  {{ return('ALTER ' ~ changed | join(', ')) }}
{% endmacro %}
