------------------------------------------------------------------------------------------------
-- Differential plans: the engine compiles a stream table's definition and installs the result here.
------------------------------------------------------------------------------------------------
-- A query as PostgreSQL analyzed it: the node text of the rewrite rule of a temporary view over it.
CREATE OR REPLACE FUNCTION pgstream._analyzed(p_query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_view regclass := pgstream._define(p_query);
    v_tree text := (SELECT ev_action::text FROM pg_rewrite WHERE ev_class = v_view);
BEGIN
    EXECUTE format('DROP VIEW %s', v_view);
    RETURN v_tree;
END $$;

-- The names the compiler renders an analyzed query's objects by, for the OIDs it refers to. Types print
-- as format_type does with an empty search path: qualified unless they are pg_catalog's.
CREATE OR REPLACE FUNCTION pgstream._catalog_names(p_operators oid[], p_functions oid[], p_types oid[], p_typmods int[],
                                        p_collations oid[], p_relations oid[])
RETURNS TABLE (kind text, object_id oid, typmod int, schema_name text, object_name text, detail text[])
LANGUAGE sql STABLE SET search_path = '' AS $$
    SELECT 'operator', o.oid, NULL::int, n.nspname::text, o.oprname::text, NULL::text[]
      FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
     WHERE o.oid = ANY (p_operators)
    UNION ALL
    SELECT 'function', p.oid, NULL, n.nspname, p.proname, ARRAY[p.prokind::text, p.provariadic::text, p.provolatile::text]
      FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
     WHERE p.oid = ANY (p_functions)
    UNION ALL
    SELECT 'type', t.oid, t.typmod, NULL, pg_catalog.format_type(t.oid, t.typmod), NULL
      FROM unnest(p_types, p_typmods) AS t(oid, typmod)
    UNION ALL
    SELECT 'collation', c.oid, NULL, n.nspname, c.collname, NULL
      FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace
     WHERE c.oid = ANY (p_collations)
    UNION ALL
    SELECT 'relation', c.oid, NULL, n.nspname, c.relname, NULL
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = ANY (p_relations)
$$;

-- A type as format_type prints it with an empty search path: qualified unless it is pg_catalog's, so the SQL
-- written with it means the same in any session.
CREATE OR REPLACE FUNCTION pgstream._type_name(p_type oid, p_typmod int) RETURNS text LANGUAGE sql STABLE
SET search_path = '' AS $$ SELECT pg_catalog.format_type(p_type, p_typmod) $$;

-- The output columns and types of a query (for the compiler's questions about types).
CREATE OR REPLACE FUNCTION pgstream._describe(p_query text) RETURNS TABLE (column_name name, column_type text)
LANGUAGE plpgsql AS $$
DECLARE
    v_view regclass := pgstream._define(p_query);
BEGIN
    RETURN QUERY SELECT a.attname, pgstream._type_name(a.atttypid, a.atttypmod)
                   FROM pg_attribute a WHERE a.attrelid = v_view AND a.attnum > 0 ORDER BY a.attnum;
    EXECUTE format('DROP VIEW %s', v_view);
END $$;

-- The columns of a stream table the query gives it (not its hidden ones), typed as _describe types them.
CREATE OR REPLACE FUNCTION pgstream._table_columns(p_rel oid) RETURNS TABLE (column_name name, column_type text)
LANGUAGE sql STABLE AS $$
    SELECT attname, pgstream._type_name(atttypid, atttypmod) FROM pg_attribute
     WHERE attrelid = p_rel AND attnum > 0 AND NOT attisdropped AND attname NOT LIKE '\_\_pgs\_%' ORDER BY attnum
$$;

-- Drops the state tables of a stream table's plan, when the plan goes.
CREATE OR REPLACE FUNCTION pgstream._drop_state_tables(p_id bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    -- the owner created them (an owner gone with its table leaves them to the install role)
    v_owner oid := coalesce(pgstream._owner((SELECT relid FROM pgstream.stream_table WHERE id = p_id)),
                            pgstream._install_role());
    v_table text;
BEGIN
    FOREACH v_table IN ARRAY coalesce((SELECT state_tables FROM pgstream.stream_table WHERE id = p_id), '{}') LOOP
        PERFORM pgstream._run_as(v_owner, format('DROP TABLE IF EXISTS %s', v_table));
    END LOOP;
    UPDATE pgstream.stream_table SET state_tables = '{}', state_fills = '{}' WHERE id = p_id AND state_tables <> '{}';
END $$;

/* Installs a differential plan compiled from p_definition (ignored if the query changed since): adds the
   hidden columns, creates the state tables (p_state_definitions: the statements creating them and their
   indexes), stores the plan and repopulates the table in full, in one transaction. */
CREATE OR REPLACE FUNCTION pgstream._install_plan(p_id bigint, p_definition text, p_operator_tree text, p_hidden_columns text[],
                                       p_full_query text, p_delta_sql text, p_state_tables text[],
                                       p_state_definitions text[], p_state_fills text[])
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    v_st        pgstream.stream_table;
    v_owner     oid;
    v_granted   boolean := false;
    v_column    text;
    v_statement text;
BEGIN
    PERFORM pgstream._lock_round(ARRAY[p_id], true);  -- its round repopulates it, in round order
    SELECT * INTO v_st FROM pgstream.stream_table WHERE id = p_id FOR UPDATE;
    IF v_st.id IS NULL OR v_st.definition <> p_definition OR v_st.plan_status <> 'pending' THEN
        RETURN false;
    END IF;
    v_owner := pgstream._owner(v_st.relid);
    PERFORM pgstream._authorize(v_st, 'install a plan for');
    PERFORM pgstream._internal_ddl(true);
    FOREACH v_column IN ARRAY p_hidden_columns LOOP
        PERFORM pgstream._run_as(v_owner, format('ALTER TABLE %s ADD COLUMN %s', v_st.relid::regclass, v_column));
    END LOOP;
    PERFORM pgstream._run_as(v_owner, format('CREATE INDEX ON %s (__pgs_rowid)', v_st.relid::regclass));
    PERFORM pgstream._drop_state_tables(p_id);
    -- the owner creates its state tables in pgstream_changes, where it may create nothing else: the grant is
    -- revoked before this transaction ends, so no other transaction ever sees it
    IF NOT has_schema_privilege(v_owner, 'pgstream_changes', 'CREATE') THEN
        EXECUTE format('GRANT CREATE ON SCHEMA pgstream_changes TO %s', v_owner::regrole);
        v_granted := true;
    END IF;
    FOREACH v_statement IN ARRAY p_state_definitions LOOP
        PERFORM pgstream._run_as(v_owner, v_statement);
    END LOOP;
    IF v_granted THEN
        EXECUTE format('REVOKE CREATE ON SCHEMA pgstream_changes FROM %s', v_owner::regrole);
    END IF;
    PERFORM pgstream._internal_ddl(false);
    UPDATE pgstream.stream_table
       SET plan_status = 'differential', plan_reason = NULL, operator_tree = p_operator_tree,
           full_query = p_full_query, delta_sql = p_delta_sql, state_tables = p_state_tables, state_fills = p_state_fills
     WHERE id = p_id;
    PERFORM pgstream._refresh_round(ARRAY[p_id], 'initial', true, true);
    RETURN true;
END $$;

/* Records that a stream table refreshes in full, and why. In refresh mode 'differential' that is an error. */
CREATE OR REPLACE FUNCTION pgstream._install_full_only(p_id bigint, p_definition text, p_reason text, p_operator_tree text)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pgstream._internal_ddl(true);
    PERFORM pgstream._drop_state_tables(p_id);
    PERFORM pgstream._internal_ddl(false);
    UPDATE pgstream.stream_table
       SET plan_status = 'full_only', plan_reason = p_reason, operator_tree = p_operator_tree,
           status = CASE WHEN refresh_mode = 'differential' THEN 'error' ELSE status END,
           last_error = CASE WHEN refresh_mode = 'differential'
                             THEN 'cannot be refreshed differentially: ' || p_reason ELSE last_error END
     WHERE id = p_id AND definition = p_definition AND plan_status = 'pending';
    RETURN FOUND;
END $$;

CREATE OR REPLACE FUNCTION pgstream._explain_stream_table(p_name text, p_search_path text)
RETURNS TABLE (stream_table text, refresh_mode text, plan text, reason text, operator_tree text, delta_sql text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_st pgstream.stream_table := pgstream._stream_table(pgstream._resolve(p_name, p_search_path), p_name);
BEGIN
    PERFORM pgstream._authorize(v_st, 'explain');
    RETURN QUERY SELECT v_st.relid::regclass::text, v_st.refresh_mode, v_st.plan_status,
        CASE v_st.plan_status
            WHEN 'pending' THEN 'the engine has not compiled this stream table yet; until then it refreshes in full'
            WHEN 'full_only' THEN v_st.plan_reason
            ELSE 'every operator is differentiable' END,
        v_st.operator_tree, v_st.delta_sql;
END $$;

/* How a stream table is refreshed: its operator tree, whether differentially and why, and the delta SQL. */
CREATE OR REPLACE FUNCTION pgstream.explain_stream_table(name text)
RETURNS TABLE (stream_table text, refresh_mode text, plan text, reason text, operator_tree text, delta_sql text)
LANGUAGE sql STABLE AS $$ SELECT * FROM pgstream._explain_stream_table(name, current_setting('search_path')) $$;
