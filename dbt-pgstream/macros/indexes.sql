{#-
  The model's `indexes` config (dbt-postgres's shape: columns, unique, type) on a stream table: created
  with dbt-postgres's own statement, compared with the indexes on the table's own columns (pg_stream's
  index on its hidden row-identity column is never touched), and brought in line on a change.
-#}

{#- The table's indexes on plain columns, none of them pg_stream's: name, method, unique, column_names (in order). -#}
{% macro _user_indexes_sql(relation) %}
  select index_class.relname as name,
         access_method.amname as method,
         index_info.indisunique as "unique",
         (select string_agg(attribute.attname, ',' order by key.position)
            from unnest(index_info.indkey::int2[]) with ordinality as key(attnum, position)
            join pg_attribute attribute on attribute.attrelid = index_info.indrelid and attribute.attnum = key.attnum
         ) as column_names
    from pg_index index_info
    join pg_class index_class on index_class.oid = index_info.indexrelid
    join pg_am access_method on access_method.oid = index_class.relam
   where index_info.indrelid = to_regclass({{ pgstream._literal(pgstream._name(relation)) }})
     and not exists (select from unnest(index_info.indkey::int2[]) key(attnum)
                       join pg_attribute attribute on attribute.attrelid = index_info.indrelid and attribute.attnum = key.attnum
                      where attribute.attname like '\_\_pgs\_%')
     and 0 <> all (index_info.indkey::int2[])  -- expression indexes are not dbt's
{% endmacro %}

{#- An index as the model's config and the catalog can both say it: ordered columns, uniqueness, method. -#}
{% macro _index_key(columns, unique, method) %}
  {{ return(columns | join(',') ~ ' unique=' ~ (unique | string | lower) ~ ' using ' ~ (method or 'btree') | lower) }}
{% endmacro %}

{#-
  The index changes the model's config asks for: {'drop': [index names], 'create': [index configs]}.
  Column order counts, as it does for PostgreSQL.
-#}
{% macro _index_changes(relation) %}
  {%- set existing = {} -%}
  {%- for row in pgstream._query(pgstream._user_indexes_sql(relation)).rows -%}
    {%- do existing.update({pgstream._index_key(row['column_names'].split(','), row['unique'], row['method']): row['name']}) -%}
  {%- endfor -%}
  {%- set wanted = {} -%}
  {%- for index in config.get('indexes', []) -%}
    {%- set parsed = adapter.parse_index(index) -%}
    {%- do wanted.update({pgstream._index_key(parsed.columns, parsed.unique, parsed.type): index}) -%}
  {%- endfor -%}
  {%- set changes = {'drop': [], 'create': []} -%}
  {%- for key, name in existing.items() if key not in wanted -%}
    {%- do changes.drop.append(name) -%}
  {%- endfor -%}
  {%- for key, index in wanted.items() if key not in existing -%}
    {%- do changes.create.append(index) -%}
  {%- endfor -%}
  {{ return(changes) }}
{% endmacro %}

{% macro _apply_index_changes(relation) %}
  {%- set changes = pgstream._index_changes(relation) -%}
  {%- for name in changes.drop -%}
    {% call statement('pgstream_drop_index') %}
      drop index {{ adapter.quote(relation.schema) }}.{{ adapter.quote(name) }}
    {% endcall %}
  {%- endfor -%}
  {%- for index in changes.create -%}
    {% call statement('pgstream_create_index') %}
      {{ get_create_index_sql(relation, index) }}
    {% endcall %}
  {%- endfor -%}
{% endmacro %}
