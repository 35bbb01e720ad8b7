------------------------------------------------------------------------------------------------
-- Differential plans: the engine compiles a stream table's definition and installs the result here.
------------------------------------------------------------------------------------------------
-- What PostgreSQL's parse tree says of a query (from the rewrite rule of a temporary view over it).
CREATE FUNCTION pgstream._query_facts(p_query text, OUT has_aggregates boolean, OUT has_sublinks boolean,
                                      OUT has_window_functions boolean,
                                      OUT has_target_srfs boolean, OUT has_distinct_on boolean,
                                      OUT aggregate_functions text[])
LANGUAGE plpgsql AS $$
DECLARE
    v_view regclass := pgstream._define(p_query);
    v_tree text := (SELECT ev_action::text FROM pg_rewrite WHERE ev_class = v_view);
BEGIN
    -- the first occurrence of a flag is the outer query's: whether it aggregates
    has_aggregates := substring(v_tree FROM ':hasAggs (true|false)')::boolean;
    -- the others hold if any level has them: a UNION's branches are nested queries, with flags of their own
    has_sublinks := v_tree ~ ':hasSubLinks true';
    has_window_functions := v_tree ~ ':hasWindowFuncs true';
    has_target_srfs := v_tree ~ ':hasTargetSRFs true';
    has_distinct_on := v_tree ~ ':hasDistinctOn true';
    SELECT coalesce(array_agg(DISTINCT p.proname::text), '{}') INTO aggregate_functions
      FROM regexp_matches(v_tree, ':aggfnoid ([0-9]+)', 'g') m JOIN pg_proc p ON p.oid = m[1]::oid;
    EXECUTE format('DROP VIEW %s', v_view);
END $$;

-- The output columns and types of a query (for the compiler's questions about types).
CREATE FUNCTION pgstream._describe(p_query text) RETURNS TABLE (column_name name, column_type text)
LANGUAGE plpgsql AS $$
DECLARE
    v_view regclass := pgstream._define(p_query);
BEGIN
    RETURN QUERY SELECT a.attname, format_type(a.atttypid, a.atttypmod)
                   FROM pg_attribute a WHERE a.attrelid = v_view AND a.attnum > 0 ORDER BY a.attnum;
    EXECUTE format('DROP VIEW %s', v_view);
END $$;

-- A query as PostgreSQL normalizes it: the compiler's rendering must come back as the definition.
CREATE FUNCTION pgstream._normalized(p_query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_view regclass := pgstream._define(p_query);
    v_text text := pgstream._definition(v_view);
BEGIN
    EXECUTE format('DROP VIEW %s', v_view);
    RETURN v_text;
END $$;

/* Installs a differential plan compiled from p_definition (ignored if the query changed since): adds the
   hidden columns, stores the plan and repopulates the table in full, in one transaction. */
CREATE FUNCTION pgstream._install_plan(p_id bigint, p_definition text, p_operator_tree text, p_hidden_columns text[],
                                       p_full_query text, p_delta_sql text)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    v_st     pgstream.stream_table;
    v_column text;
BEGIN
    PERFORM pgstream._lock_round(ARRAY[p_id], true);  -- its round repopulates it, in round order
    SELECT * INTO v_st FROM pgstream.stream_table WHERE id = p_id FOR UPDATE;
    IF v_st.id IS NULL OR v_st.definition <> p_definition OR v_st.plan_status <> 'pending' THEN
        RETURN false;
    END IF;
    PERFORM pgstream._internal_ddl(true);
    FOREACH v_column IN ARRAY p_hidden_columns LOOP
        EXECUTE format('ALTER TABLE %s ADD COLUMN %s', v_st.relid::regclass, v_column);
    END LOOP;
    EXECUTE format('CREATE INDEX ON %s (__pgs_rowid)', v_st.relid::regclass);
    PERFORM pgstream._internal_ddl(false);
    UPDATE pgstream.stream_table
       SET plan_status = 'differential', plan_reason = NULL, operator_tree = p_operator_tree,
           full_query = p_full_query, delta_sql = p_delta_sql
     WHERE id = p_id;
    PERFORM pgstream._refresh_round(ARRAY[p_id], 'initial', true, true);
    RETURN true;
END $$;

/* Records that a stream table refreshes in full, and why. In refresh mode 'differential' that is an error. */
CREATE FUNCTION pgstream._install_full_only(p_id bigint, p_definition text, p_reason text, p_operator_tree text)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    UPDATE pgstream.stream_table
       SET plan_status = 'full_only', plan_reason = p_reason, operator_tree = p_operator_tree,
           status = CASE WHEN refresh_mode = 'differential' THEN 'error' ELSE status END,
           last_error = CASE WHEN refresh_mode = 'differential'
                             THEN 'cannot be refreshed differentially: ' || p_reason ELSE last_error END
     WHERE id = p_id AND definition = p_definition AND plan_status = 'pending';
    RETURN FOUND;
END $$;

/* How a stream table is refreshed: its operator tree, whether differentially and why, and the delta SQL. */
CREATE FUNCTION pgstream.explain_stream_table(name text)
RETURNS TABLE (stream_table text, refresh_mode text, plan text, reason text, operator_tree text, delta_sql text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_st pgstream.stream_table := pgstream._find(name);
BEGIN
    RETURN QUERY SELECT v_st.relid::regclass::text, v_st.refresh_mode, v_st.plan_status,
        CASE v_st.plan_status
            WHEN 'pending' THEN 'the engine has not compiled this stream table yet; until then it refreshes in full'
            WHEN 'full_only' THEN v_st.plan_reason
            ELSE 'every operator is differentiable' END,
        v_st.operator_tree, v_st.delta_sql;
END $$;
