------------------------------------------------------------------------------------------------
-- Effective schedules. A duration refreshes at its interval and a cron expression counts with its
-- shortest period; 'calculated' takes the tightest effective interval among the stream tables that
-- read it, recursively, or the calculated_interval setting when none (active) does.
------------------------------------------------------------------------------------------------
-- The values a (checked) cron field allows.
CREATE OR REPLACE FUNCTION pgstream._cron_values(p_field text, p_min int, p_max int, p_names text[]) RETURNS int[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v_item   text;
    v_match  text[];
    v_from   int;
    v_to     int;
    v_values int[] := '{}';
BEGIN
    FOREACH v_item IN ARRAY string_to_array(p_field, ',') LOOP
        v_match := regexp_match(v_item, '^(\*|([a-z0-9]+)(-([a-z0-9]+))?)(/([0-9]+))?$');
        IF v_match[1] = '*' THEN
            v_from := p_min;
            v_to := p_max;
        ELSE
            v_from := pgstream._cron_number(v_match[2], p_min, p_names);
            v_to := CASE WHEN v_match[4] IS NOT NULL THEN pgstream._cron_number(v_match[4], p_min, p_names)
                         WHEN v_match[6] IS NOT NULL THEN p_max
                         ELSE v_from END;
        END IF;
        v_values := v_values || ARRAY(SELECT generate_series(v_from, v_to, coalesce(v_match[6]::int, 1)));
    END LOOP;
    RETURN v_values;
END $$;

CREATE OR REPLACE FUNCTION pgstream._cron_number(p_value text, p_min int, p_names text[]) RETURNS int LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN p_value ~ '^[0-9]+$' THEN p_value::int ELSE array_position(p_names, p_value) - 1 + p_min END $$;

-- The shortest time between two firings of a 5-field cron expression (NULL if it never fires). The
-- firing times are the matching days crossed with the matching minutes of a day, so the shortest gap is
-- either between two minutes of one day or from the last minute of a day to the first of the next
-- matching day; 29 years of days cover every weekday and leap-year combination.
CREATE OR REPLACE FUNCTION pgstream._cron_shortest_period(p_cron text) RETURNS interval LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v_fields  text[] := string_to_array(CASE p_cron
                            WHEN '@yearly' THEN '0 0 1 1 *' WHEN '@annually' THEN '0 0 1 1 *'
                            WHEN '@monthly' THEN '0 0 1 * *' WHEN '@weekly' THEN '0 0 * * 0'
                            WHEN '@daily' THEN '0 0 * * *' WHEN '@midnight' THEN '0 0 * * *'
                            WHEN '@hourly' THEN '0 * * * *' ELSE p_cron END, ' ');
    v_minutes int[];
    v_days    int[];
    v_months  int[];
    v_weekdays int[];
    v_within  int;
    v_day_gap int;
BEGIN
    SELECT array_agg(DISTINCT h * 60 + m ORDER BY h * 60 + m) INTO v_minutes
      FROM unnest(pgstream._cron_values(v_fields[2], 0, 23, NULL)) h,
           unnest(pgstream._cron_values(v_fields[1], 0, 59, NULL)) m;
    SELECT min(gap) INTO v_within
      FROM (SELECT lead(m) OVER (ORDER BY m) - m AS gap FROM unnest(v_minutes) m) g;
    v_days := pgstream._cron_values(v_fields[3], 1, 31, NULL);
    v_months := pgstream._cron_values(v_fields[4], 1, 12, '{jan,feb,mar,apr,may,jun,jul,aug,sep,oct,nov,dec}');
    v_weekdays := ARRAY(SELECT w % 7 FROM unnest(pgstream._cron_values(v_fields[5], 0, 7,
                                                  '{sun,mon,tue,wed,thu,fri,sat}')) w);
    SELECT min(gap) INTO v_day_gap
      FROM (SELECT lead(d) OVER (ORDER BY d) - d AS gap
              FROM generate_series(date '2000-01-01', date '2028-12-31', interval '1 day') g(t),
                   LATERAL (SELECT t::date AS d) day
             WHERE extract(month FROM d)::int = ANY (v_months)
               AND CASE WHEN v_fields[3] <> '*' AND v_fields[5] <> '*'   -- both restricted: either matches
                        THEN extract(day FROM d)::int = ANY (v_days) OR extract(dow FROM d)::int = ANY (v_weekdays)
                        ELSE extract(day FROM d)::int = ANY (v_days) AND extract(dow FROM d)::int = ANY (v_weekdays)
                   END) gaps;
    RETURN make_interval(mins => least(v_within, v_day_gap * 1440 - (v_minutes[cardinality(v_minutes)] - v_minutes[1])));
END $$;

-- How often a declared schedule refreshes; NULL for 'calculated'.
CREATE OR REPLACE FUNCTION pgstream._declared_interval(p_schedule text) RETURNS interval LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN p_schedule = 'calculated' THEN NULL
        WHEN p_schedule ~ '^([0-9]+(s|m|h|d))+$' THEN
            (SELECT sum(m[1]::bigint * CASE m[2] WHEN 's' THEN interval '1 second' WHEN 'm' THEN interval '1 minute'
                                                 WHEN 'h' THEN interval '1 hour' ELSE interval '1 day' END)
               FROM regexp_matches(p_schedule, '([0-9]+)([smhd])', 'g') m)
        ELSE pgstream._cron_shortest_period(p_schedule)
    END
$$;

-- Recomputes every effective schedule; called in the transaction of each create, alter, drop and
-- status change, so the catalog never shows a stale one.
CREATE OR REPLACE FUNCTION pgstream._recompute_schedules() RETURNS void LANGUAGE sql AS $$
    -- each schedule's interval once: thousands of stream tables share a few schedules
    WITH RECURSIVE schedules AS MATERIALIZED (
        SELECT s.schedule, pgstream._declared_interval(s.schedule) AS declared_interval
          FROM (SELECT DISTINCT schedule FROM pgstream.stream_table) s
    ), declared AS MATERIALIZED (
        SELECT st.id, st.relid, st.schedule, s.declared_interval
          FROM pgstream.stream_table st JOIN schedules s ON s.schedule = st.schedule
    ), readers AS MATERIALIZED (  -- suspended stream tables do not refresh, so they ask nothing of their sources
        SELECT e.upstream_id, e.downstream_id
          FROM pgstream._edges e JOIN pgstream.stream_table down ON down.id = e.downstream_id
         WHERE down.status <> 'suspended'
    ), read AS MATERIALIZED (
        SELECT DISTINCT upstream_id AS id FROM readers
    ), reached(origin, node) AS (  -- from each calculated table down through calculated ones
        SELECT id, id FROM declared WHERE declared_interval IS NULL
        UNION
        SELECT r.origin, e.downstream_id
          FROM reached r JOIN readers e ON e.upstream_id = r.node
          JOIN declared d ON d.id = r.node
         WHERE d.declared_interval IS NULL
    ), demands AS (
        SELECT r.origin, d.declared_interval AS demand, format('from dependent %s', d.relid::regclass) AS basis
          FROM reached r JOIN declared d ON d.id = r.node
         WHERE d.declared_interval IS NOT NULL
        UNION ALL
        SELECT r.origin, pgstream.setting('calculated_interval')::interval,
               'no dependents: setting calculated_interval'
          FROM reached r JOIN declared d ON d.id = r.node LEFT JOIN read ON read.id = r.node
         WHERE d.declared_interval IS NULL AND read.id IS NULL
    ), tightest AS (
        SELECT DISTINCT ON (origin) origin, demand, basis FROM demands ORDER BY origin, demand, basis
    ), effective AS (
        SELECT d.id,
               coalesce(d.declared_interval, t.demand) AS effective_interval,
               CASE WHEN d.declared_interval IS NULL THEN t.basis
                    WHEN d.schedule ~ '^([0-9]+(s|m|h|d))+$' THEN 'declared'
                    ELSE 'declared cron: its shortest period' END AS effective_basis
          FROM declared d LEFT JOIN tightest t ON t.origin = d.id
    )
    UPDATE pgstream.stream_table st
       SET effective_interval = e.effective_interval, effective_basis = e.effective_basis
      FROM effective e
     WHERE st.id = e.id
       AND (st.effective_interval, st.effective_basis) IS DISTINCT FROM (e.effective_interval, e.effective_basis)
$$;
