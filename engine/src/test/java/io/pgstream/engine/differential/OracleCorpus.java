package io.pgstream.engine.differential;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema, value domains and queries the differential oracle runs on.
 *
 * <p>Small tables with tiny value domains: join keys and group keys ({@code k}, {@code g}) take
 * 0..4 or NULL, so joins hit often, groups collide, NULL keys appear and duplicate rows are common. The
 * numeric and float values are chosen so that sums are exact (quarters and halves for float8), which
 * keeps the oracle a test of logic rather than of rounding; the unconstrained numeric column {@code c.x}
 * deliberately mixes scales (1, 2.5, 3.50, 0.125), because PostgreSQL prints a sum with the largest
 * scale among the values summed, and an incrementally maintained sum must print the same. What updates
 * compute stays clear of values that compare equal but print differently (2 and 2.0, 0 and -0 in
 * float8): min, max and GROUP BY would print whichever such value they met first, in recomputation too.
 *
 * <p>Each {@code <table>_parked} table holds rows a workload operation took out of its table, to put
 * them back later with the same ids and values; no query reads them.
 */
public final class OracleCorpus {

    private OracleCorpus() {}

    /** A column the workload writes (every table also has {@code id serial PRIMARY KEY}). */
    public record Column(String name, String type, List<String> domain, List<String> derived) {}

    /** A source table and the columns the workload writes, in insertion order. */
    public enum Table {
        A("a", List.of(
                new Column("k", "int", keys(), List.of("(k + 1) % 5", "g")),
                new Column("g", "int", keys(), List.of("(g + 3) % 5", "k")),
                new Column("v", "numeric(12,2)", List.of("1.25", "0", "2.50", "-3.75", "10", "99.99", "NULL"),
                        List.of("v + 1.25", "-v")),
                new Column("f", "float8", List.of("0.5", "0", "1.25", "-2", "3", "0.75", "NULL"),
                        List.of("f + 0.5", "f - 2")),
                new Column("t", "text", List.of("'a'", "'ab'", "'b'", "'x'", "''", "'A'", "NULL"),
                        List.of("t || 'b'", "upper(t)")),
                new Column("flag", "bool", List.of("true", "false", "NULL"), List.of("NOT flag")))),
        B("b", List.of(
                new Column("k", "int", keys(), List.of("(k + 2) % 5")),
                new Column("w", "int", List.of("0", "1", "2", "3", "4", "5", "6", "NULL"), List.of("w + 1", "k")),
                new Column("label", "text", List.of("'p'", "'q'", "'r'", "NULL"), List.of("upper(label)")))),
        C("c", List.of(
                new Column("k", "int", keys(), List.of("(k + 1) % 5")),
                new Column("g", "int", keys(), List.of("k")),
                new Column("x", "numeric", List.of("1", "2.5", "-0.75", "0.125", "10", "3.50", "NULL"),
                        List.of("-x", "x + 100")))),
        // the inputs of set-returning functions: arrays, jsonb arrays, arrays of objects, objects, ranges, text;
        // NULL, empty and duplicate elements (each jsonb column holds only what its functions accept)
        D("d", List.of(
                new Column("k", "int", keys(), List.of("(k + 1) % 5")),
                new Column("n", "int", List.of("0", "1", "2", "3", "-1", "NULL"), List.of("n + 1", "k")),
                new Column("tags", "text[]", List.of("ARRAY['x', 'y']", "ARRAY['x', 'x']", "'{}'", "NULL", "ARRAY['y']",
                        "ARRAY[NULL, 'z']"), List.of("array_append(tags, 'x')", "tags[2:]")),
                new Column("arr", "jsonb", List.of("'[1, 2]'", "'[]'", "NULL", "'[\"a\", null]'", "'[1, 1]'", "'[{\"b\": 1}]'"),
                        List.of("arr || '[3]'", "arr - 0")),
                new Column("recs", "jsonb", List.of("'[{\"k\": 1, \"v\": \"p\"}, {\"k\": 2}]'", "'[]'", "NULL",
                        "'[{\"k\": 1, \"v\": \"p\"}, {\"k\": 1, \"v\": \"p\"}]'", "'[{\"v\": null}]'"),
                        List.of("recs || '[{\"k\": 3}]'")),
                new Column("obj", "jsonb", List.of("'{\"a\": 1, \"b\": \"x\"}'", "'{}'", "NULL", "'{\"a\": null}'",
                        "'{\"b\": [1, 2]}'"), List.of("obj || '{\"c\": 3}'", "obj - 'a'")),
                new Column("s", "text", List.of("'xax'", "'xx'", "''", "NULL", "'abc'", "'axbx'"), List.of("s || 'x'"))));

        private final String sqlName;
        private final List<Column> columns;

        Table(String sqlName, List<Column> columns) {
            this.sqlName = sqlName;
            this.columns = columns;
        }

        public String sqlName() {
            return sqlName;
        }

        public List<Column> columns() {
            return columns;
        }

        public String parked() {
            return sqlName + "_parked";
        }

        public String columnList() {
            return String.join(", ", columns.stream().map(Column::name).toList());
        }

        public String createSql() {
            StringBuilder sql = new StringBuilder("CREATE TABLE " + sqlName + " (id serial PRIMARY KEY");
            for (Column column : columns) {
                sql.append(", ").append(column.name()).append(' ').append(column.type());
            }
            return sql.append(')').toString();
        }

        public static Table named(String name) {
            for (Table table : values()) {
                if (table.sqlName.equals(name)) {
                    return table;
                }
            }
            throw new IllegalArgumentException(name);
        }
    }

    /** Views over the tables, for queries that read them through a view: each with the tables it reads. */
    public enum View {
        A_FLAGGED("a_flagged", "SELECT id, k, g, v, t FROM a WHERE flag", Set.of(Table.A)),
        AB_JOINED("ab_joined", "SELECT a.id, a.k, b.w, b.label FROM a JOIN b ON a.k = b.k", Set.of(Table.A, Table.B)),
        B_COUNTS("b_counts", "SELECT k, count(*) AS n FROM b GROUP BY k", Set.of(Table.B));

        private final String sqlName;
        private final String query;
        private final Set<Table> tables;

        View(String sqlName, String query, Set<Table> tables) {
            this.sqlName = sqlName;
            this.query = query;
            this.tables = tables;
        }
    }

    private static List<String> keys() {
        return List.of("0", "1", "2", "3", "4", "NULL");
    }

    /** The schema, one statement each: the tables, their parked tables, and the user-defined aggregate {@code my_sum}. */
    public static List<String> schema() {
        List<String> statements = new ArrayList<>();
        for (Table table : Table.values()) {
            statements.add(table.createSql());
        }
        for (Table table : Table.values()) {
            statements.add("CREATE TABLE " + table.parked() + " (LIKE " + table.sqlName() + ")");
        }
        // a user-defined aggregate for COMPOSED: a sum of numerics (NULL over no non-NULL value, like sum)
        statements.add("CREATE FUNCTION my_sum_step(numeric, numeric) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT"
                + " AS 'SELECT $1 + $2'");
        statements.add("CREATE AGGREGATE my_sum(numeric) (SFUNC = my_sum_step, STYPE = numeric)");
        for (View view : View.values()) {
            statements.add("CREATE VIEW " + view.sqlName + " AS " + view.query);
        }
        return statements;
    }

    /** A few starting rows, with NULL keys, duplicates and every value shape, for the fixed-data tests. */
    public static final List<String> INITIAL_DATA = List.of(
            "INSERT INTO a (k, g, v, f, t, flag) VALUES"
                    + " (1, 1, 1.25, 0.5, 'a', true), (1, 1, 1.25, 0.5, 'a', true), (2, 0, 10, -2, 'ab', false),"
                    + " (NULL, 3, -3.75, 3, NULL, NULL), (4, NULL, 0, 0.75, 'x', true), (0, 2, 99.99, NULL, '', false),"
                    + " (3, 3, NULL, 1.25, 'A', NULL), (2, 4, 2.50, 0, 'b', true)",
            "INSERT INTO b (k, w, label) VALUES"
                    + " (1, 2, 'p'), (2, 5, 'q'), (2, 5, 'q'), (NULL, 1, 'r'), (4, NULL, NULL), (0, 3, 'p')",
            "INSERT INTO c (k, g, x) VALUES"
                    + " (1, 1, 2.5), (2, 0, 10), (NULL, 3, 0.125), (3, NULL, -0.75), (1, 1, 3.50), (4, 2, NULL)",
            "INSERT INTO d (k, n, tags, arr, recs, obj, s) VALUES"
                    + " (1, 2, ARRAY['x', 'y'], '[1, 2]', '[{\"k\": 1, \"v\": \"p\"}, {\"k\": 2}]', '{\"a\": 1, \"b\": \"x\"}', 'xax'),"
                    + " (1, 2, ARRAY['x', 'y'], '[1, 2]', '[{\"k\": 1, \"v\": \"p\"}, {\"k\": 2}]', '{\"a\": 1, \"b\": \"x\"}', 'xax'),"
                    + " (2, 0, '{}', '[]', '[]', '{}', ''), (NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                    + " (3, 3, ARRAY[NULL, 'z'], '[\"a\", null]', '[{\"v\": null}]', '{\"a\": null}', 'axbx')");

    /** A query with a name; {@link #sources()} are the tables it reads. */
    public record QueryCase(String name, String query) {

        private static final Pattern TABLE = Pattern.compile("(?i)(?:\\bfrom|\\bjoin|,)\\s+\\(?\\s*([abcd])(?=\\s|,|\\)|$)");

        /** The tables named after FROM, JOIN or a comma of the FROM list, or a parenthesis there ({@code JOIN (b JOIN c ...)}). */
        public Set<Table> sources() {
            Set<Table> tables = new LinkedHashSet<>();
            Matcher matcher = TABLE.matcher(query);
            while (matcher.find()) {
                tables.add(Table.named(matcher.group(1).toLowerCase(Locale.ROOT)));
            }
            for (View view : View.values()) {
                if (Pattern.compile("\\b" + view.sqlName + "\\b").matcher(query).find()) {
                    tables.addAll(view.tables);
                }
            }
            return tables;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A query that must fall back to full refresh: the reason must mention one of {@code construct}. */
    public record UnsupportedCase(String name, String query, List<String> construct) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static QueryCase q(String name, String query) {
        return new QueryCase(name, query);
    }

    /**
     * Queries differential refresh supports: projections, filters, inner joins, grouped aggregates
     * (outputs computed from them, HAVING), DISTINCT, UNION ALL and UNION, window functions and DISTINCT ON,
     * functions in FROM and set-returning functions in the SELECT list, GROUPING SETS, ROLLUP and CUBE, TopK,
     * LATERAL subqueries and WITH RECURSIVE.
     */
    public static final List<QueryCase> SUPPORTED = List.of(
            // WITH RECURSIVE ... UNION over b's edges k -> w: cycles, self-loops, NULL ends
            q("recursive_closure", "WITH RECURSIVE reach(src, dst) AS (SELECT k, w FROM b UNION SELECT r.src, b.w FROM reach r"
                    + " JOIN b ON b.k = r.dst) SELECT src, dst FROM reach"),
            q("recursive_depth", "WITH RECURSIVE walk(src, dst, depth) AS (SELECT k, w, 1 FROM b UNION SELECT r.src, b.w,"
                    + " r.depth + 1 FROM walk r JOIN b ON b.k = r.dst WHERE r.depth < 4) SELECT src, dst, depth FROM walk"),
            q("recursive_paths", "WITH RECURSIVE p(src, dst, path) AS (SELECT k, w, ARRAY[k, w] FROM b WHERE k IS NOT NULL"
                    + " AND w IS NOT NULL UNION SELECT p.src, b.w, p.path || b.w FROM p JOIN b ON b.k = p.dst"
                    + " WHERE b.w <> ALL (p.path)) SELECT src, dst, path FROM p"),
            // UNION ALL: a bag, a row per derivation (the depth bound keeps cyclic data finite)
            q("recursive_all_walks", "WITH RECURSIVE walk(src, dst, depth) AS (SELECT k, w, 1 FROM b UNION ALL"
                    + " SELECT r.src, b.w, r.depth + 1 FROM walk r JOIN b ON b.k = r.dst WHERE r.depth < 3) SELECT src, dst, depth FROM walk"),
            q("recursive_all_counted", "WITH RECURSIVE walk(src, dst, depth) AS (SELECT k, w, 1 FROM b UNION ALL"
                    + " SELECT r.src, b.w, r.depth + 1 FROM walk r JOIN b ON b.k = r.dst WHERE r.depth < 3)"
                    + " SELECT src, count(*) AS walks FROM walk GROUP BY src"),
            q("recursive_all_counter", "WITH RECURSIVE r(n) AS (SELECT k FROM a UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT n FROM r"),
            q("recursive_counter", "WITH RECURSIVE r(n) AS (SELECT k FROM a UNION SELECT n + 1 FROM r WHERE n < 3) SELECT n FROM r"),
            q("recursive_aggregated", "WITH RECURSIVE reach(src, dst) AS (SELECT k, w FROM b UNION SELECT r.src, b.w FROM reach r"
                    + " JOIN b ON b.k = r.dst) SELECT src, count(*) AS n, max(dst) AS far FROM reach GROUP BY src"),
            q("recursive_joined", "WITH RECURSIVE reach(src, dst) AS (SELECT b.k, b.w FROM b JOIN c ON c.k = b.k UNION"
                    + " SELECT r.src, b.w FROM reach r JOIN b ON b.k = r.dst WHERE b.label IS DISTINCT FROM 'r')"
                    + " SELECT a.id, reach.dst FROM a JOIN reach ON reach.src = a.g"),
            // LATERAL subqueries reading the outer row in their WHERE: joins
            q("lateral_cross", "SELECT a.id, s.w FROM a CROSS JOIN LATERAL (SELECT b.w FROM b WHERE b.k = a.k) s"),
            q("lateral_left_on_true", "SELECT a.id, s.w, s.label FROM a LEFT JOIN LATERAL"
                    + " (SELECT b.w, b.label FROM b WHERE b.k = a.k AND b.w > a.g) s ON true"),
            q("lateral_aggregate", "SELECT a.id, s.n, s.total, s.top FROM a CROSS JOIN LATERAL"
                    + " (SELECT count(*) AS n, sum(b.w) AS total, max(b.label) AS top FROM b WHERE b.k = a.k) s"),
            q("lateral_aggregate_left_on_true", "SELECT a.id, a.v, s.n FROM a LEFT JOIN LATERAL"
                    + " (SELECT count(c.x) + 1 AS n FROM c WHERE c.g = a.g AND c.k = a.k AND c.x > 0) s ON true WHERE s.n > 1"),
            q("lateral_top_per_row", "SELECT a.id, s.w, s.bid FROM a CROSS JOIN LATERAL (SELECT b.w, b.id AS bid FROM b"
                    + " WHERE b.k = a.k ORDER BY b.w DESC NULLS LAST, b.id LIMIT 2) s"),
            q("lateral_top_left_offset", "SELECT a.id, s.x FROM a LEFT JOIN LATERAL (SELECT c.x FROM c WHERE c.g = a.g"
                    + " AND c.x IS NOT NULL ORDER BY c.x, c.id LIMIT 2 OFFSET 1) s ON true"),
            q("lateral_top_order_not_shown", "SELECT a.id, a.t, s.w FROM a, LATERAL (SELECT b.w FROM b WHERE b.k = a.g"
                    + " ORDER BY b.label NULLS FIRST, b.id DESC LIMIT 1) s"),
            q("lateral_grouped", "SELECT a.id, s.w, s.n FROM a CROSS JOIN LATERAL (SELECT b.w, count(*) AS n FROM b"
                    + " WHERE b.k = a.k GROUP BY b.w) s"),
            q("lateral_grouped_having_left", "SELECT a.id, s.label, s.total FROM a LEFT JOIN LATERAL (SELECT b.label,"
                    + " sum(b.w) AS total FROM b WHERE b.k = a.g AND b.w IS NOT NULL GROUP BY b.label HAVING count(*) > 1) s ON true"),
            q("lateral_distinct", "SELECT a.id, s.x FROM a, LATERAL (SELECT DISTINCT c.x FROM c WHERE c.k = a.k) s"),
            q("lateral_comma_outer_expression", "SELECT a.id, s.x FROM a, LATERAL (SELECT c.x + a.v AS x FROM c WHERE c.g = a.g) s"),
            // ORDER BY ... LIMIT at the top, each order fixing the result (a unique column last)
            q("topk_scan", "SELECT id, k, v FROM a ORDER BY v DESC NULLS LAST, id LIMIT 3"),
            q("topk_offset", "SELECT id, t FROM a ORDER BY t NULLS FIRST, id LIMIT 2 OFFSET 2"),
            q("topk_sort_key_not_shown", "SELECT k, g FROM a ORDER BY f DESC, id LIMIT 4"),
            q("topk_collation", "SELECT id, t FROM a ORDER BY t COLLATE \"C\" DESC, id FETCH FIRST 3 ROWS ONLY"),
            q("topk_aggregate", "SELECT k, count(*) AS n, sum(v) AS s FROM a GROUP BY k"
                    + " ORDER BY sum(v) DESC NULLS FIRST, k NULLS FIRST LIMIT 2"),
            q("topk_join", "SELECT a.id, b.id AS bid, b.w FROM a JOIN b ON a.k = b.k ORDER BY b.w, a.id, b.id LIMIT 3"),
            q("topk_distinct", "SELECT DISTINCT k, g FROM a ORDER BY k, g LIMIT 3"),
            q("topk_union", "SELECT k FROM a UNION SELECT k FROM b ORDER BY 1 NULLS FIRST LIMIT 2"),
            q("topk_limit_zero", "SELECT id FROM a ORDER BY id LIMIT 0"),
            // LIMIT in a subquery: row_number() over the whole input
            q("limit_in_union_branch", "(SELECT k FROM a ORDER BY id LIMIT 2) UNION ALL SELECT k FROM b"),
            q("limit_in_derived_joined", "SELECT t.id, t.v, b.w FROM (SELECT id, k, v FROM a ORDER BY v DESC NULLS LAST, id"
                    + " LIMIT 3) t JOIN b ON b.k = t.k"),
            q("limit_offset_in_cte_aggregated", "WITH top AS (SELECT id, v FROM a ORDER BY v NULLS FIRST, id LIMIT 4 OFFSET 1)"
                    + " SELECT count(*) AS n, sum(v) AS s FROM top"),
            // projections
            q("project_all_columns", "SELECT id, k, g, v, f, t, flag FROM a"),
            q("project_duplicates", "SELECT k, g FROM a"),
            q("project_expressions", "SELECT k + g AS kg, v * 2 AS v2, coalesce(t, '?') AS t2, upper(t) AS tu,"
                    + " -f AS nf, t || '/' || k AS tk FROM a"),
            q("project_casts", "SELECT k::text AS ks, v::int AS vi, f::numeric(10,2) AS fn, flag::int AS fi,"
                    + " t::varchar(1) AS t1, (g::numeric / 3)::numeric(8,3) AS third FROM a"),
            q("project_constants", "SELECT 1 AS one, NULL::text AS nothing, 'x' || label AS xl, w FROM b"),
            q("project_case", "SELECT id, CASE WHEN k IS NULL THEN 'none' WHEN k < 2 THEN 'low' ELSE 'high' END AS band,"
                    + " CASE k WHEN 0 THEN g END AS g_if_zero FROM a"),
            q("project_numeric", "SELECT x, x * 3 AS x3, round(x, 1) AS rx, k FROM c"),
            // filters
            q("filter_and_or", "SELECT id, k, g FROM a WHERE (k = 1 OR g = 2) AND flag"),
            q("filter_is_null", "SELECT id, t FROM a WHERE k IS NULL OR t IS NULL"),
            q("filter_is_distinct_from", "SELECT id, k, g FROM a WHERE k IS DISTINCT FROM g"),
            q("filter_is_not_distinct_from", "SELECT k, v FROM a WHERE k IS NOT DISTINCT FROM 2 OR g IS NOT DISTINCT FROM NULL"),
            q("filter_like", "SELECT id, t FROM a WHERE t LIKE 'a%' OR t ILIKE 'X%'"),
            q("filter_between", "SELECT id, v, f FROM a WHERE v BETWEEN 1 AND 10"),
            q("filter_not_between_negative", "SELECT id, v, f FROM a WHERE f NOT BETWEEN -1 AND 1"),
            q("filter_in_list", "SELECT id, k, label FROM b WHERE k IN (1, 3, 4) AND label NOT IN ('q')"),
            q("filter_case", "SELECT id, g FROM a WHERE CASE WHEN flag THEN k > 1 ELSE g < 3 END"),
            q("filter_bool", "SELECT id, flag, v FROM a WHERE flag IS NOT TRUE"),
            q("filter_numeric", "SELECT id, x FROM c WHERE x > 0 AND g <> 3"),
            // joins
            q("join_equi", "SELECT a.id AS a_id, b.id AS b_id, a.v, b.label FROM a JOIN b ON a.k = b.k"),
            q("join_comma_where", "SELECT a.t, b.w FROM a, b WHERE a.k = b.k AND b.w > 2"),
            q("join_filtered_null", "SELECT a.id AS a_id, b.w FROM a JOIN b ON a.g = b.k WHERE b.label IS NULL OR a.t IS NULL"),
            q("join_duplicates", "SELECT b.label FROM a JOIN b ON a.g = b.k"),
            q("join_three", "SELECT a.id AS a_id, b.label, c.x FROM a JOIN b ON a.k = b.k JOIN c ON c.g = a.g"),
            q("join_three_chain", "SELECT a.t, b.w, c.x FROM a JOIN b ON a.k = b.k JOIN c ON c.k = b.w"),
            q("join_self", "SELECT x.id AS x_id, y.id AS y_id FROM a x JOIN a y ON x.k = y.g AND x.id <> y.id"),
            q("join_self_duplicates", "SELECT p.k, q.t FROM a p JOIN a q ON p.g = q.g"),
            q("join_non_equi", "SELECT a.id AS a_id, b.id AS b_id FROM a JOIN b ON a.k < b.k"),
            q("join_non_equi_range", "SELECT a.id AS a_id, c.id AS c_id FROM a JOIN c ON c.x BETWEEN a.v - 1 AND a.v + 1"),
            q("join_multi_column_key", "SELECT a.id AS a_id, c.id AS c_id, a.v + c.x AS total FROM a JOIN c ON a.k = c.k AND a.g = c.g"),
            q("join_null_keys_match", "SELECT a.id AS a_id, c.id AS c_id FROM a JOIN c ON a.k IS NOT DISTINCT FROM c.k"),
            q("join_coalesced_keys", "SELECT a.id AS a_id, b.id AS b_id FROM a JOIN b ON coalesce(a.k, -1) = coalesce(b.k, -1)"),
            q("join_cross_where", "SELECT a.id AS a_id, b.label FROM a CROSS JOIN b WHERE b.w = a.g"),
            q("join_three_with_self", "SELECT a1.id AS i1, a2.id AS i2, b.w FROM a a1 JOIN a a2 ON a1.g = a2.k JOIN b ON b.k = a2.g"),
            // derived tables that are select-project-join queries: pulled up into the query reading them
            q("derived_table_filtered", "SELECT s.kk, s.vv FROM (SELECT k + 1 AS kk, v * 2 AS vv FROM a WHERE flag) s WHERE s.kk > 1"),
            q("derived_table_alias_collision", "SELECT a.id, s.k, s.w FROM a JOIN (SELECT a.k, b.w FROM a JOIN b ON a.g = b.k) s"
                    + " ON s.k = a.g"),
            q("derived_table_aggregated", "SELECT s.label, count(*) AS n, sum(s.amount) AS total"
                    + " FROM (SELECT b.label, a.v * 2 AS amount FROM a JOIN b ON a.k = b.k WHERE a.t IS NOT NULL) s GROUP BY s.label"),
            // composed: what used to be refreshed in full, now differentiated operator by operator
            q("union_all_of_union", "SELECT k FROM a UNION ALL (SELECT k FROM b UNION SELECT k FROM c)"),
            q("union_all_of_distinct", "SELECT DISTINCT k FROM a UNION ALL SELECT k FROM b"),
            q("union_all_of_aggregates", "SELECT k, count(*) AS n FROM a GROUP BY k UNION ALL SELECT k, count(*) FROM b GROUP BY k"),
            q("union_of_group_by", "SELECT k FROM a GROUP BY k UNION SELECT k FROM b"),
            q("left_join", "SELECT a.id, b.label FROM a LEFT JOIN b ON a.k = b.k"),
            q("full_join", "SELECT a.id AS a_id, c.id AS c_id FROM a FULL JOIN c ON a.k = c.k"),
            q("subquery_in_where", "SELECT id FROM a WHERE k IN (SELECT k FROM b)"),
            q("subquery_in_from", "SELECT s.k, s.n FROM (SELECT k, count(*) AS n FROM a GROUP BY k) s"),
            q("scalar_subquery", "SELECT id, (SELECT max(w) FROM b WHERE b.k = a.k) AS mw FROM a"),
            q("aggregate_filter", "SELECT k, count(*) FILTER (WHERE flag) AS nf FROM a GROUP BY k"),
            q("count_distinct", "SELECT k, count(DISTINCT g) AS dg FROM a GROUP BY k"),
            q("except_all", "SELECT k FROM a EXCEPT ALL SELECT k FROM c"),
            q("intersect", "SELECT k, g FROM a INTERSECT SELECT k, g FROM c"),
            q("having_over_scalar_subquery", "SELECT k, sum(v) AS sv FROM a GROUP BY k HAVING sum(v) > (SELECT avg(x) FROM c)"),
            q("output_over_scalar_subquery", "SELECT g, count(*) * 100 / (SELECT count(*) FROM a) AS pct FROM a GROUP BY g"),
            q("in_under_or", "SELECT id FROM a WHERE flag OR k IN (SELECT k FROM b)"),
            q("not_in_as_value", "SELECT id, k NOT IN (SELECT w FROM b WHERE b.label IS NOT NULL) AS outside FROM a"),
            q("exists_under_or", "SELECT id FROM a WHERE flag OR EXISTS (SELECT 1 FROM b WHERE b.k = a.k AND b.w > 2)"),
            q("values_joined", "SELECT a.id, v.label FROM a JOIN (VALUES (1, 'one'), (2, 'two'), (NULL, 'none')) v(k, label)"
                    + " ON v.k = a.k"),
            q("union_all_constant_row", "SELECT k FROM a UNION ALL SELECT 7"),
            q("from_less_scalar_subquery", "SELECT id, k + (SELECT 10) AS k10 FROM a"),
            // views: read through their own analyzed queries, pulled up or derived
            q("view_filtered", "SELECT k, count(*) AS n, sum(v) AS sv FROM a_flagged GROUP BY k"),
            q("view_of_join", "SELECT j.id, j.label, c.x FROM ab_joined j JOIN c ON c.k = j.k"),
            q("view_aggregate_joined", "SELECT a.id, bc.n FROM a LEFT JOIN b_counts bc ON bc.k = a.k"),
            q("ordered_string_agg", "SELECT k, string_agg(t, ',' ORDER BY t, id) AS ts FROM a GROUP BY k"),
            // aggregates
            // keys that are function calls: PostgreSQL parenthesizes them in GROUP BY only
            q("agg_group_by_function_call", "SELECT upper(t) AS ut, coalesce(k, -1) AS kk, count(*) AS n, sum(v) AS s"
                    + " FROM a GROUP BY upper(t), coalesce(k, -1)"),
            // names the plan's own aliases could collide with: an output named s, a source aliased m
            q("agg_plan_alias_collisions", "SELECT m.k AS s, count(*) AS m, sum(m.v) AS g, max(m.t) AS r, min(m.f) AS t"
                    + " FROM a m GROUP BY m.k"),
            q("agg_count_star", "SELECT count(*) AS n FROM a"),
            q("agg_global_everything", "SELECT count(*) AS n, count(v) AS nv, sum(v) AS sv, avg(k) AS ak, min(t) AS mint,"
                    + " max(t) AS maxt, bool_and(flag) AS all_flag, bool_or(flag) AS any_flag FROM a"),
            q("agg_by_key", "SELECT k, count(*) AS n, sum(v) AS sv, sum(f) AS sf, avg(v) AS av FROM a GROUP BY k"),
            q("agg_by_expression", "SELECT k % 2 AS parity, count(g) AS ng, max(v) AS mv FROM a GROUP BY k % 2"),
            q("agg_by_coalesce", "SELECT coalesce(t, '?') AS tt, count(*) AS n, min(v) AS minv, max(f) AS maxf"
                    + " FROM a GROUP BY coalesce(t, '?')"),
            q("agg_two_keys", "SELECT k, g, count(*) AS n, sum(v) AS sv, bool_or(flag) AS any_flag FROM a GROUP BY k, g"),
            q("agg_numeric_unconstrained", "SELECT g, sum(x) AS sx, avg(x) AS ax, min(x) AS mnx, max(x) AS mxx,"
                    + " count(x) AS cx FROM c GROUP BY g"),
            q("agg_float8", "SELECT g, sum(f) AS sf, avg(f) AS af, min(f) AS mnf, max(f) AS mxf FROM a GROUP BY g"),
            q("agg_int", "SELECT g, avg(k) AS ak, sum(k) AS sk, min(k) AS mnk, max(k) AS mxk FROM a GROUP BY g"),
            q("agg_bigint", "SELECT k, sum(g::bigint * 1000000000) AS big, avg(g::bigint) AS ag, max(id::bigint) AS mid"
                    + " FROM a GROUP BY k"),
            q("agg_text_min_max", "SELECT k, min(label) AS first_label, max(label) AS last_label, count(label) AS labels"
                    + " FROM b GROUP BY k"),
            q("agg_bool", "SELECT k, bool_and(flag) AS all_flag, bool_or(flag) AS any_flag, count(flag) AS nflag"
                    + " FROM a GROUP BY k"),
            q("agg_group_by_bool", "SELECT flag, count(*) AS n, avg(v) AS av, min(t) AS mint FROM a GROUP BY flag"),
            q("agg_keys_only", "SELECT k, g FROM a GROUP BY k, g"),
            q("agg_key_after_aggregate", "SELECT count(*) AS n, g FROM a GROUP BY g"),
            q("agg_expression_arguments", "SELECT k, sum(v * 2) AS sv2, max(coalesce(t, '')) AS mt, count(g + k) AS c"
                    + " FROM a GROUP BY k"),
            q("agg_filtered", "SELECT g, count(*) AS n, sum(v) AS sv FROM a WHERE flag OR v > 2 GROUP BY g"),
            // numeric expressions whose display scale PostgreSQL's arithmetic fixes (v is numeric(12,2)): kept by
            // counters, deletes included; a division's scale varies with the values, so its group is recomputed
            q("agg_fixed_scale_expressions", "SELECT g, sum(v * (1 - v)) AS disc, avg(v * (1 - v) * (1 + v)) AS charge,"
                    + " sum(-v + 0.125) AS shifted, sum(round(v * 0.3, 1)) AS rounded, count(*) AS n FROM a GROUP BY g"),
            q("agg_fixed_scale_global", "SELECT sum(v * k) AS vk, avg(abs(v) * 0.5) AS half, sum(v::numeric(10,1)) AS tenths FROM a"),
            q("agg_fixed_scale_over_join", "SELECT b.label, sum(a.v * b.w) AS vw, avg(a.v * (b.w - 1)) AS avw"
                    + " FROM a JOIN b ON a.k = b.k GROUP BY b.label"),
            q("agg_fixed_scale_branches", "SELECT k, sum(CASE WHEN flag THEN v * 2 ELSE v - 1.00 END) AS cased,"
                    + " sum(coalesce(v, 0.00) * 3) AS coalesced FROM a GROUP BY k"),
            q("agg_scale_of_division_varies", "SELECT g, sum(v / 3) AS third, avg(v / 7) AS seventh FROM a GROUP BY g"),
            q("agg_group_by_numeric", "SELECT x, count(*) AS n, sum(k) AS sk FROM c GROUP BY x"),
            q("agg_over_join", "SELECT b.label, count(*) AS n, sum(a.v) AS sv, min(a.t) AS mint FROM a JOIN b ON a.k = b.k"
                    + " GROUP BY b.label"),
            q("agg_over_three_way_join", "SELECT a.g, count(*) AS n, sum(c.x) AS sx, max(b.w) AS mw"
                    + " FROM a JOIN b ON a.k = b.k JOIN c ON c.g = a.g GROUP BY a.g"),
            q("agg_over_self_join", "SELECT p.k, count(*) AS pairs, max(q.v) AS mv FROM a p JOIN a q ON p.k = q.g GROUP BY p.k"),
            q("agg_over_non_equi_join", "SELECT b.k, count(*) AS n, sum(a.g) AS sg FROM a JOIN b ON a.k < b.k GROUP BY b.k"),
            q("agg_global_over_join", "SELECT count(*) AS n, sum(c.x) AS sx, avg(a.v) AS av, bool_and(a.flag) AS all_flag"
                    + " FROM a JOIN c ON a.k = c.k AND a.g = c.g"),
            q("agg_over_join_two_keys", "SELECT a.k, c.g, count(*) AS n, min(c.x) AS mnx, avg(c.x) AS ax"
                    + " FROM a JOIN c ON a.k = c.k GROUP BY a.k, c.g"),
            // outputs computed from aggregates and keys, over the aggregates' hidden values
            q("agg_computed_ratio", "SELECT k, sum(v) / count(*) AS mean, count(v)::numeric / count(*) AS share FROM a GROUP BY k"),
            q("agg_computed_int_division", "SELECT g, sum(k) / count(*) AS int_mean, sum(k) * 2 AS twice FROM a GROUP BY g"),
            q("agg_computed_round_coalesce", "SELECT g, round(avg(x), 3) AS ax, coalesce(sum(x), 0) AS sx FROM c GROUP BY g"),
            q("agg_computed_from_keys", "SELECT k, k * count(*) AS kc, coalesce(k, -1) + 1 AS k1, 'k' AS label FROM a GROUP BY k"),
            q("agg_computed_global", "SELECT count(*) * 2 AS twice, coalesce(sum(v), 0) AS sv, max(t) || '!' AS mt FROM a"),
            q("agg_computed_min_max", "SELECT g, max(v) - min(v) AS spread, upper(min(t)) AS first_t FROM a GROUP BY g"),
            q("agg_computed_bool", "SELECT k, CASE WHEN bool_or(flag) THEN 'some' ELSE 'none' END AS any_flag,"
                    + " NOT bool_and(flag) AS not_all FROM a GROUP BY k"),
            q("agg_computed_float", "SELECT g, round(avg(f)::numeric, 2) AS af, sum(f) * 2 AS sf2 FROM a GROUP BY g"),
            q("agg_computed_shown_and_hidden", "SELECT k, sum(v) AS sv, sum(v) * 2 AS sv2, sum(v) / count(v) AS mean FROM a GROUP BY k"),
            // a key expression inside a computed output: matched as the key by structure, not by text
            q("agg_computed_from_key_expression", "SELECT k % 2 AS parity, (k % 2) * count(*) AS x, coalesce(k % 2, 9) AS p9"
                    + " FROM a GROUP BY k % 2"),
            q("agg_computed_over_join", "SELECT b.label, round(sum(a.v) / count(*), 2) AS mean, min(b.w) + max(b.w) AS mw"
                    + " FROM a JOIN b ON a.k = b.k GROUP BY b.label"),
            // HAVING: only passing groups are stored; a group without a stored row is recomputed
            q("having_count", "SELECT k, count(*) AS n FROM a GROUP BY k HAVING count(*) > 1"),
            q("having_hidden_aggregates", "SELECT g, sum(v) AS sv FROM a GROUP BY g HAVING count(*) >= 2 AND max(t) IS NOT NULL"),
            q("having_on_key", "SELECT k, count(*) AS n FROM a GROUP BY k HAVING k IS NOT NULL AND k <> 2"),
            q("having_null_sum", "SELECT g, sum(x) AS sx FROM c GROUP BY g HAVING sum(x) > 0"),
            q("having_global", "SELECT count(*) AS n, sum(v) AS sv FROM a HAVING count(*) > 3"),
            q("having_over_join", "SELECT b.label, count(*) AS n FROM a JOIN b ON a.k = b.k GROUP BY b.label HAVING avg(a.v) > 1"),
            q("having_with_computed", "SELECT k, round(avg(v), 1) AS av FROM a GROUP BY k HAVING bool_or(flag)"),
            q("distinct_over_having", "SELECT DISTINCT k, count(*) AS n FROM a GROUP BY k HAVING count(*) < 3"),
            // DISTINCT: a hidden count per distinct row; NULLs equal, duplicates frequent
            q("distinct_keys", "SELECT DISTINCT k, g FROM a"),
            q("distinct_nullable_text", "SELECT DISTINCT t FROM a"),
            q("distinct_whole_rows", "SELECT DISTINCT k, g, v, f, t, flag FROM a"),
            q("distinct_expressions", "SELECT DISTINCT k % 2 AS parity, coalesce(t, '?') AS tt, flag FROM a"),
            q("distinct_filtered", "SELECT DISTINCT g, flag FROM a WHERE v > 0 OR t IS NULL"),
            q("distinct_numeric", "SELECT DISTINCT x, g FROM c"),
            q("distinct_constant", "SELECT DISTINCT 1 AS one FROM b"),
            q("distinct_all_null_or_not", "SELECT DISTINCT k IS NULL AS no_k, label IS NULL AS no_label FROM b"),
            q("distinct_over_join", "SELECT DISTINCT a.k, b.label FROM a JOIN b ON a.k = b.k"),
            q("distinct_over_join_nulls", "SELECT DISTINCT a.t, b.label FROM a JOIN b ON a.g = b.k WHERE b.w IS NULL OR a.flag"),
            q("distinct_over_three_way_join", "SELECT DISTINCT b.label, c.g FROM a JOIN b ON a.k = b.k JOIN c ON c.g = a.g"),
            q("distinct_over_self_join", "SELECT DISTINCT p.k, q.g FROM a p JOIN a q ON p.g = q.k"),
            q("distinct_over_non_equi_join", "SELECT DISTINCT b.label, a.flag FROM a JOIN b ON a.k < b.w"),
            q("distinct_over_aggregate", "SELECT DISTINCT k, count(*) AS n, sum(v) AS sv FROM a GROUP BY k"),
            q("distinct_over_global_aggregate", "SELECT DISTINCT count(*) AS n, max(t) AS mt FROM a"),
            // UNION ALL: a bag, the union of the branches' deltas
            q("union_all_same_table", "SELECT k, t FROM a UNION ALL SELECT g, t FROM a"),
            q("union_all_same_table_overlapping", "SELECT id, k FROM a WHERE flag UNION ALL SELECT id, k FROM a WHERE k > 1"),
            q("union_all_different_tables", "SELECT k, label AS name FROM b UNION ALL SELECT k, t FROM a"),
            q("union_all_three", "SELECT k, g FROM a UNION ALL SELECT k, w FROM b UNION ALL SELECT k, g FROM c"),
            // functions in FROM, applied to each row (NULL, empty and duplicate arrays; NULL and empty json)
            q("lateral_unnest_ordinality", "SELECT d.id, t.tag, t.pos FROM d CROSS JOIN LATERAL unnest(d.tags) WITH ORDINALITY AS t(tag, pos)"),
            q("lateral_unnest_comma", "SELECT d.k, t FROM d, unnest(d.tags) AS t"),
            q("lateral_generate_series", "SELECT d.id, i FROM d, generate_series(d.k, d.n) AS i"),
            q("lateral_jsonb_array_elements", "SELECT d.id, e.value FROM d CROSS JOIN LATERAL jsonb_array_elements(d.arr) AS e"),
            q("lateral_jsonb_each", "SELECT d.k, e.key, e.value FROM d, jsonb_each(d.obj) AS e"),
            q("lateral_jsonb_to_recordset", "SELECT d.id, x.k, x.v FROM d, jsonb_to_recordset(d.recs) AS x(k int, v text)"),
            q("lateral_regexp_matches", "SELECT d.id, r.m[1] AS m FROM d, regexp_matches(d.s, 'x(.?)', 'g') AS r(m)"),
            q("lateral_rows_from", "SELECT d.id, r.tag, r.i, r.n FROM d,"
                    + " ROWS FROM (unnest(d.tags), generate_series(1, d.n)) WITH ORDINALITY AS r(tag, i, n)"),
            q("lateral_rows_from_record", "SELECT d.id, r.k, r.v, r.i FROM d,"
                    + " ROWS FROM (jsonb_to_recordset(d.recs) AS (k int, v text), generate_series(1, d.n)) AS r(k, v, i)"),
            q("lateral_join_on", "SELECT d.id, t.tag FROM d JOIN LATERAL unnest(d.tags) AS t(tag) ON t.tag <> 'y'"),
            q("lateral_left_join_on_true", "SELECT d.id, e.value FROM d LEFT JOIN LATERAL jsonb_array_elements(d.arr) AS e ON true"),
            q("lateral_left_join_on_condition", "SELECT d.id, t.tag, t.pos FROM d"
                    + " LEFT JOIN LATERAL unnest(d.tags) WITH ORDINALITY AS t(tag, pos) ON t.tag = 'x'"),
            q("lateral_uncorrelated", "SELECT a.id, g.i FROM a JOIN generate_series(1, 3) AS g(i) ON g.i = a.k"),
            // set-returning functions in the SELECT list: per row, several in lockstep (the shorter padded with NULLs)
            q("srf_select_unnest", "SELECT id, unnest(tags) AS tag FROM d"),
            q("srf_select_generate_series", "SELECT id, generate_series(1, n) AS i FROM d"),
            q("srf_select_lockstep", "SELECT id, unnest(tags) AS tag, generate_series(1, n) AS i FROM d"),
            q("srf_select_expression", "SELECT k, upper(unnest(tags)) AS tag, jsonb_object_keys(obj) AS key FROM d"),
            q("srf_select_nested", "SELECT id, unnest(regexp_matches(s, 'x', 'g')) AS m FROM d"),
            // GROUPING SETS, ROLLUP, CUBE: NULL keys in the data beside keys a set omits, grand totals over no rows
            q("grouping_rollup", "SELECT k, g, count(*) AS n, sum(v) AS sv, GROUPING(k, g) AS gr FROM a GROUP BY ROLLUP (k, g)"),
            q("grouping_cube", "SELECT k, flag, count(*) AS n, max(t) AS mt, GROUPING(flag, k) AS gr FROM a GROUP BY CUBE (k, flag)"),
            q("grouping_sets_with_empty", "SELECT k, g, count(*) AS n, avg(v) AS av FROM a GROUP BY GROUPING SETS ((k), (g), ())"),
            q("grouping_sets_expression_key", "SELECT k % 2 AS parity, t, count(*) AS n, GROUPING(t) AS gt FROM a"
                    + " GROUP BY GROUPING SETS ((k % 2), (t, k % 2), (t))"),
            q("grouping_sets_having", "SELECT g, count(*) AS n FROM a GROUP BY ROLLUP (g) HAVING count(*) > 1 OR GROUPING(g) = 1"),
            q("grouping_plain_group_by", "SELECT k, count(*) AS n, GROUPING(k) AS gr FROM a GROUP BY k"),
            q("grouping_mixed", "SELECT k, g, t, count(*) AS n, GROUPING(k, g, t) AS gr FROM a GROUP BY k, ROLLUP (g), CUBE (t)"),
            q("grouping_duplicate_sets", "SELECT k, count(*) AS n, sum(x) AS sx FROM c GROUP BY GROUPING SETS ((k), (k), ())"),
            q("grouping_aggregates_of_omitted_key", "SELECT k, sum(k) AS sk, count(DISTINCT g) AS dg, min(t) AS mt FROM a"
                    + " GROUP BY ROLLUP (k)"),
            q("grouping_empty_set_only", "SELECT count(*) AS n, sum(w) AS sw FROM b GROUP BY ()"),
            q("union_all_coerced_types", "SELECT k, v AS amount FROM a UNION ALL SELECT g, x FROM c UNION ALL SELECT w, k FROM b"),
            q("union_all_nulls", "SELECT t, NULL::int AS n FROM a UNION ALL SELECT label, w FROM b UNION ALL SELECT NULL, NULL FROM c"),
            q("union_all_with_join", "SELECT a.id, b.label FROM a JOIN b ON a.k = b.k UNION ALL SELECT c.id, 'c' FROM c"),
            q("union_all_of_joins", "SELECT a.k, c.x FROM a JOIN c ON a.g = c.g UNION ALL SELECT b.k, b.w FROM b JOIN a ON a.k = b.w"),
            q("union_all_of_self_joins", "SELECT p.id, q.id AS other FROM a p JOIN a q ON p.k = q.g"
                    + " UNION ALL SELECT x.id, y.id FROM c x JOIN c y ON x.g = y.k"),
            // UNION: DISTINCT over UNION ALL
            q("union_one_column", "SELECT k FROM a UNION SELECT k FROM b"),
            q("union_two_columns_nulls", "SELECT k, g FROM a UNION SELECT k, g FROM c"),
            q("union_same_table", "SELECT k AS n FROM a UNION SELECT g FROM a"),
            q("union_after_union_all", "SELECT k FROM a UNION ALL SELECT k FROM b UNION SELECT g FROM c"),
            q("union_of_distinct", "SELECT DISTINCT t FROM a UNION SELECT label FROM b"),
            q("union_nested", "SELECT k FROM a UNION (SELECT w FROM b UNION ALL SELECT g FROM c)"),
            q("union_with_join", "SELECT a.t, b.label FROM a JOIN b ON a.k = b.k UNION SELECT t, t FROM a WHERE flag"),
            q("union_coerced_types", "SELECT k AS n FROM a UNION SELECT w FROM b UNION SELECT g::bigint FROM c"),
            // window functions: the touched partitions recomputed; every ORDER BY decides what its functions
            // tell apart (the key column last), so that the result is the only one PostgreSQL can give
            q("window_row_number", "SELECT id, k, row_number() OVER (PARTITION BY k ORDER BY t, id) AS rn FROM a"),
            q("window_ranks", "SELECT id, rank() OVER (PARTITION BY g ORDER BY v) AS r, dense_rank() OVER (PARTITION BY g ORDER BY v) AS dr,"
                    + " percent_rank() OVER (PARTITION BY g ORDER BY v) AS pr, cume_dist() OVER (PARTITION BY g ORDER BY v) AS cd FROM a"),
            q("window_ntile", "SELECT id, g, ntile(3) OVER (PARTITION BY g ORDER BY t DESC NULLS FIRST, id) AS tile FROM a"),
            q("window_lag_lead", "SELECT id, lag(v) OVER (PARTITION BY k ORDER BY id) AS prev_v,"
                    + " lead(t, 2, 'none') OVER (PARTITION BY k ORDER BY id) AS next_t,"
                    + " lag(g, 1, -1) OVER (PARTITION BY k ORDER BY f, id) AS prev_g FROM a"),
            q("window_first_last_nth", "SELECT id, first_value(t) OVER w AS ft, last_value(t) OVER w AS lt, nth_value(v, 2) OVER w AS v2,"
                    + " last_value(id) OVER (PARTITION BY g ORDER BY v, id) AS lid FROM a"
                    + " WINDOW w AS (PARTITION BY g ORDER BY v, id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)"),
            q("window_aggregates", "SELECT id, sum(v) OVER (PARTITION BY k) AS sv, count(*) OVER (PARTITION BY k) AS n,"
                    + " avg(v) OVER (PARTITION BY k) AS av, min(t) OVER (PARTITION BY k) AS mint, max(f) OVER (PARTITION BY k) AS maxf,"
                    + " count(*) FILTER (WHERE flag) OVER (PARTITION BY k) AS nflag FROM a"),
            q("window_running", "SELECT id, k, sum(v) OVER (PARTITION BY k ORDER BY id) AS running,"
                    + " count(t) OVER (PARTITION BY k ORDER BY v) AS by_v FROM a"),
            q("window_frame_rows", "SELECT id, sum(v) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s3,"
                    + " sum(k) OVER (ORDER BY id ROWS BETWEEN 2 FOLLOWING AND 3 FOLLOWING) AS ahead FROM a"),
            q("window_frame_range", "SELECT id, sum(f) OVER (PARTITION BY k ORDER BY v RANGE BETWEEN 1.5 PRECEDING AND 2 FOLLOWING) AS near,"
                    + " count(*) OVER (PARTITION BY k ORDER BY g DESC RANGE BETWEEN CURRENT ROW AND 1 FOLLOWING) AS cnt FROM a"),
            q("window_frame_groups_exclude", "SELECT id,"
                    + " sum(g) OVER (PARTITION BY k ORDER BY v GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE GROUP) AS around,"
                    + " count(*) OVER (PARTITION BY k ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES) AS others,"
                    + " sum(v) OVER (PARTITION BY k ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW)"
                    + " AS rest FROM a"),
            q("window_three_partitionings", "SELECT id, k, g, row_number() OVER (PARTITION BY k ORDER BY id) AS rk,"
                    + " sum(v) OVER (PARTITION BY g) AS sg, count(*) OVER () AS total FROM a"),
            q("window_over_groups", "SELECT k, count(*) AS n, rank() OVER (ORDER BY count(*) DESC) AS r,"
                    + " sum(sum(v)) OVER (ORDER BY k NULLS FIRST) AS running FROM a GROUP BY k"),
            q("window_over_groups_having", "SELECT g, sum(v) AS sv, dense_rank() OVER (PARTITION BY g % 2 ORDER BY sum(v)) AS dr"
                    + " FROM a GROUP BY g HAVING count(*) > 1"),
            q("window_filtered_outside", "SELECT * FROM (SELECT id, k, t, row_number() OVER (PARTITION BY k ORDER BY t, id) AS rn FROM a) s"
                    + " WHERE rn <= 3"),
            q("window_without_partition", "SELECT id, row_number() OVER (ORDER BY v, id) AS rn, sum(v) OVER () AS total FROM a"),
            q("window_null_keys", "SELECT id, rank() OVER (PARTITION BY k, t ORDER BY g NULLS FIRST) AS r,"
                    + " count(*) OVER (PARTITION BY k, t) AS n FROM a"),
            q("window_over_join", "SELECT a.id AS a_id, b.id AS b_id, row_number() OVER (PARTITION BY b.label ORDER BY a.id, b.id) AS rn"
                    + " FROM a JOIN b ON a.k = b.k"),
            q("window_in_expressions", "SELECT id, v - avg(v) OVER (PARTITION BY k) AS dev,"
                    + " CASE WHEN row_number() OVER (PARTITION BY k ORDER BY id) = 1 THEN 'first' END AS first FROM a"),
            q("window_numeric_unconstrained", "SELECT id, sum(x) OVER (PARTITION BY g ORDER BY id) AS running_x,"
                    + " max(x) OVER (PARTITION BY g) AS mx FROM c"),
            // DISTINCT ON: the first row of each group, as row_number() = 1; NULL keys are one group
            q("distinct_on_first", "SELECT DISTINCT ON (k) k, id, v FROM a ORDER BY k, v DESC, id"),
            q("distinct_on_two_keys_nulls", "SELECT DISTINCT ON (k, g) k, g, t FROM a ORDER BY k, g, t NULLS FIRST, id"),
            q("distinct_on_keys_only", "SELECT DISTINCT ON (k) k FROM a"),
            q("distinct_on_expression", "SELECT DISTINCT ON (coalesce(t, '?')) coalesce(t, '?') AS tt, id FROM a"
                    + " ORDER BY coalesce(t, '?'), id DESC"),
            q("distinct_on_over_join", "SELECT DISTINCT ON (b.label) b.label, a.id AS a_id, b.w FROM a JOIN b ON a.k = b.k"
                    + " ORDER BY b.label, b.w, a.id, b.id"),
            q("distinct_on_grouped", "SELECT DISTINCT ON (g) g, k, count(*) AS n FROM a GROUP BY g, k ORDER BY g, count(*) DESC, k"));

    /**
     * Queries composed of the constructs differential refresh does not cover yet, over the same tables:
     * outer joins, semi and anti joins (EXISTS, IN, ANY/ALL, with SQL's NULL rules), scalar subqueries,
     * WITH, aggregates over joins over aggregates, INTERSECT and EXCEPT, DISTINCT and FILTER aggregates,
     * ordered string_agg and array_agg, a user-defined aggregate ({@code my_sum}, see {@link #schema()}),
     * aggregates in UNION branches, window functions and DISTINCT ON over and under the others. {@code ComposedQueriesTest} runs them in refresh mode 'auto': whatever
     * their plan, the stream table must equal its query. Every result is deterministic: numeric and int
     * arithmetic only, string_agg and array_agg ordered down to the id, no two values that compare
     * equal but print differently meet in a DISTINCT, a set operation or a group key.
     */
    public static final List<QueryCase> COMPOSED = List.of(
            // ranked and recursive constructs composed with one another and with joins and groups
            q("composed_topk_over_window", "SELECT s.id, s.k, s.rn FROM (SELECT id, k, row_number() OVER (PARTITION BY k"
                    + " ORDER BY v NULLS FIRST, id) AS rn FROM a) s ORDER BY s.rn DESC, s.id LIMIT 3"),
            q("composed_topk_over_recursion", "WITH RECURSIVE reach(src, dst) AS (SELECT k, w FROM b UNION SELECT r.src, b.w"
                    + " FROM reach r JOIN b ON b.k = r.dst) SELECT src, count(*) AS n FROM reach GROUP BY src"
                    + " ORDER BY n DESC, src NULLS FIRST LIMIT 2"),
            q("composed_window_over_recursion", "WITH RECURSIVE reach(src, dst) AS (SELECT k, w FROM b UNION SELECT r.src, b.w"
                    + " FROM reach r JOIN b ON b.k = r.dst) SELECT src, dst, rank() OVER (PARTITION BY src ORDER BY dst) AS place"
                    + " FROM reach"),
            q("composed_recursion_over_lateral", "WITH RECURSIVE reach(src, dst) AS (SELECT a.k, s.w FROM a CROSS JOIN LATERAL"
                    + " (SELECT b.w FROM b WHERE b.k = a.g ORDER BY b.w DESC NULLS LAST, b.id LIMIT 1) s UNION SELECT r.src, c.g"
                    + " FROM reach r JOIN c ON c.k = r.dst) SELECT src, dst FROM reach"),
            q("composed_function_over_recursion", "WITH RECURSIVE reach(src, dst) AS (SELECT k, w FROM b UNION SELECT r.src, b.w"
                    + " FROM reach r JOIN b ON b.k = r.dst) SELECT reach.src, g.i FROM reach, generate_series(1, reach.dst) AS g(i)"),
            q("composed_lateral_top_over_aggregate", "SELECT g.k, s.w FROM (SELECT k, count(*) AS n FROM a GROUP BY k) g"
                    + " LEFT JOIN LATERAL (SELECT b.w FROM b WHERE b.k = g.k ORDER BY b.w, b.id LIMIT 2) s ON true"),
            q("composed_distinct_on_over_lateral_grouped", "SELECT DISTINCT ON (a.k) a.k, s.label, s.n FROM a CROSS JOIN LATERAL"
                    + " (SELECT b.label, count(*) AS n FROM b WHERE b.k = a.k GROUP BY b.label) s ORDER BY a.k, s.n DESC, s.label"),
            // text values, which compare equal only when they print the same (a UNION keeps whichever it meets first)
            q("composed_union_of_tops", "(SELECT k, t FROM a ORDER BY v DESC NULLS LAST, id LIMIT 2) UNION"
                    + " (SELECT k, label FROM b ORDER BY w NULLS FIRST, id LIMIT 2)"),
            // outer joins of two tables: LEFT, RIGHT, FULL; NULL keys never match, except with IS NOT DISTINCT FROM
            q("outer_left", "SELECT a.id AS a_id, b.id AS b_id, a.k, b.w FROM a LEFT JOIN b ON a.k = b.k"),
            // functions in FROM and set-returning functions composed with joins, groups, DISTINCT and derived tables
            q("lateral_over_join", "SELECT a.id AS a_id, d.id AS d_id, i FROM a JOIN d ON a.k = d.k, generate_series(a.g, d.n) AS i"),
            q("lateral_uncorrelated_left_of_join", "SELECT g.i, a.id FROM generate_series(0, 2) AS g(i) LEFT JOIN a ON a.k = g.i"),
            q("lateral_aggregated", "SELECT t.tag, count(*) AS n, sum(d.k) AS sk FROM d, unnest(d.tags) AS t(tag) GROUP BY t.tag"),
            q("lateral_json_aggregated", "SELECT d.k, count(e.value) AS n, max(e.key) AS mk FROM d"
                    + " LEFT JOIN LATERAL jsonb_each(d.obj) AS e ON true GROUP BY d.k"),
            q("lateral_distinct", "SELECT DISTINCT t.tag FROM d, unnest(d.tags) AS t(tag)"),
            q("lateral_under_left_join", "SELECT b.id AS b_id, d.id AS d_id, t.tag FROM b"
                    + " LEFT JOIN (d CROSS JOIN LATERAL unnest(d.tags) AS t(tag)) ON d.k = b.k"),
            q("lateral_joined_after", "SELECT d.id, b.w FROM d CROSS JOIN LATERAL unnest(d.tags) AS t(tag) JOIN b ON b.label = t.tag"),
            q("lateral_in_derived", "SELECT s.k, s.tag FROM (SELECT d.k, t.tag FROM d, unnest(d.tags) AS t(tag)) s WHERE s.k > 0"),
            q("srf_select_over_join", "SELECT a.id AS a_id, jsonb_array_elements_text(d.arr) AS e FROM a JOIN d ON a.k = d.k"),
            q("srf_in_derived_aggregated", "SELECT s.tag, count(*) AS n FROM (SELECT unnest(tags) AS tag FROM d) s GROUP BY s.tag"),
            q("srf_distinct", "SELECT DISTINCT jsonb_object_keys(obj) AS key FROM d"),
            q("srf_filtered_outside", "SELECT s.id, s.i FROM (SELECT id, generate_series(1, n) AS i FROM d) s WHERE s.i > 1"),
            q("srf_in_subquery", "SELECT id, t FROM a WHERE t IN (SELECT unnest(tags) FROM d)"),
            q("lateral_in_exists", "SELECT id, t FROM a WHERE EXISTS (SELECT 1 FROM d, unnest(d.tags) AS x(tag) WHERE x.tag = a.t)"),
            q("grouping_over_join", "SELECT b.label, a.k, count(*) AS n, sum(b.w) AS sw FROM a JOIN b ON a.k = b.k"
                    + " GROUP BY ROLLUP (b.label, a.k)"),
            q("grouping_over_lateral", "SELECT d.k, t.tag, count(*) AS n, GROUPING(d.k, t.tag) AS gr FROM d, unnest(d.tags) AS t(tag)"
                    + " GROUP BY CUBE (d.k, t.tag)"),
            q("grouping_distinct", "SELECT DISTINCT k, count(*) AS n FROM a GROUP BY ROLLUP (k)"),
            q("grouping_in_derived", "SELECT s.g, s.n FROM (SELECT g, count(*) AS n FROM a GROUP BY CUBE (g)) s WHERE s.n > 1"),
            q("outer_right", "SELECT a.id AS a_id, b.id AS b_id, b.label, a.t FROM a RIGHT JOIN b ON a.g = b.k"),
            q("outer_full", "SELECT a.id AS a_id, c.id AS c_id, a.k AS ak, c.k AS ck FROM a FULL JOIN c ON a.k = c.k"),
            q("outer_full_two_keys", "SELECT a.id AS a_id, c.id AS c_id, a.v, c.x FROM a FULL JOIN c ON a.k = c.k AND a.g = c.g"),
            q("outer_left_duplicates", "SELECT a.k, b.label FROM a LEFT JOIN b ON a.k = b.k"),
            q("outer_left_null_safe_key", "SELECT a.id AS a_id, c.id AS c_id FROM a LEFT JOIN c ON a.k IS NOT DISTINCT FROM c.k"),
            q("outer_left_self", "SELECT x.id AS x_id, y.id AS y_id FROM a x LEFT JOIN a y ON x.k = y.g AND x.id <> y.id"),
            q("outer_left_expressions", "SELECT a.id AS a_id, a.v + coalesce(c.x, 0) AS total, c.x IS NULL AS no_x,"
                    + " coalesce(c.g, -1) AS cg FROM a LEFT JOIN c ON a.g = c.g"),
            // outer joins on non-equi conditions
            q("outer_left_non_equi", "SELECT a.id AS a_id, b.id AS b_id FROM a LEFT JOIN b ON a.k < b.k"),
            q("outer_right_non_equi_range", "SELECT b.id AS b_id, c.id AS c_id, c.x FROM c RIGHT JOIN b ON c.x BETWEEN b.w - 1 AND b.w + 1"),
            q("outer_full_equi_and_non_equi", "SELECT a.id AS a_id, b.id AS b_id FROM a FULL JOIN b ON a.k = b.k AND a.g < b.w"),
            // conditions in ON that read one side only: they decide matches, they filter nothing
            q("outer_on_nullable_side", "SELECT a.id AS a_id, b.id AS b_id, b.w FROM a LEFT JOIN b ON a.k = b.k AND b.w > 2"),
            q("outer_on_preserved_side", "SELECT a.id AS a_id, b.id AS b_id FROM a LEFT JOIN b ON a.k = b.k AND a.flag"),
            q("outer_full_on_both_sides", "SELECT a.id AS a_id, b.id AS b_id FROM a FULL JOIN b ON a.g = b.k AND b.label = 'p' AND a.v > 0"),
            // WHERE over the nullable side: non-strict (COALESCE, CASE, IS NULL: the anti-join pattern), strict (an inner join)
            q("outer_where_coalesce", "SELECT a.id AS a_id, coalesce(b.label, 'none') AS label FROM a LEFT JOIN b ON a.k = b.k"
                    + " WHERE coalesce(b.w, 0) < 4"),
            q("outer_where_case", "SELECT a.id AS a_id, b.w FROM a LEFT JOIN b ON a.g = b.k"
                    + " WHERE CASE WHEN b.id IS NULL THEN a.flag ELSE b.w > 1 END"),
            q("outer_where_is_null_anti", "SELECT a.id AS a_id, a.k FROM a LEFT JOIN b ON a.k = b.k WHERE b.k IS NULL"),
            q("outer_where_is_distinct_from", "SELECT b.id AS b_id, a.id AS a_id FROM a RIGHT JOIN b ON a.k = b.k"
                    + " WHERE a.t IS DISTINCT FROM 'a'"),
            q("outer_where_strict", "SELECT a.id AS a_id, b.label FROM a LEFT JOIN b ON a.k = b.k WHERE b.w > 1"),
            // three and four tables, in every mix of LEFT, RIGHT, FULL and inner, nested on either side
            q("outer_left_left_chain", "SELECT a.id AS a_id, b.id AS b_id, c.id AS c_id FROM a LEFT JOIN b ON a.k = b.k"
                    + " LEFT JOIN c ON c.k = b.w"),
            q("outer_left_full", "SELECT a.id AS a_id, b.id AS b_id, c.id AS c_id FROM a LEFT JOIN b ON a.k = b.k"
                    + " FULL JOIN c ON c.g = a.g"),
            q("outer_right_left", "SELECT a.id AS a_id, b.id AS b_id, c.id AS c_id FROM a RIGHT JOIN b ON a.k = b.k"
                    + " LEFT JOIN c ON c.k = a.g"),
            q("outer_full_full", "SELECT a.id AS a_id, b.id AS b_id, c.id AS c_id FROM a FULL JOIN b ON a.k = b.k"
                    + " FULL JOIN c ON c.k = coalesce(a.k, b.k)"),
            q("outer_inner_left", "SELECT a.id AS a_id, b.id AS b_id, c.id AS c_id FROM a JOIN b ON a.k = b.k"
                    + " LEFT JOIN c ON c.g = b.w"),
            q("outer_full_right", "SELECT a.id AS a_id, b.id AS b_id, c.id AS c_id FROM a FULL JOIN c ON a.k = c.k"
                    + " RIGHT JOIN b ON b.k = c.g"),
            q("outer_right_full", "SELECT a.id AS a_id, b.id AS b_id, c.id AS c_id FROM a RIGHT JOIN b ON a.g = b.k"
                    + " FULL JOIN c ON c.k = b.w"),
            q("outer_left_of_inner", "SELECT a.id AS a_id, b.id AS b_id, c.id AS c_id FROM a LEFT JOIN (b JOIN c ON b.k = c.k)"
                    + " ON a.g = b.w"),
            q("outer_left_of_left", "SELECT a.id AS a_id, b.id AS b_id, c.id AS c_id FROM a LEFT JOIN (b LEFT JOIN c ON b.w = c.k)"
                    + " ON a.k = b.k"),
            q("outer_four_way_mix", "SELECT a1.id AS a1_id, b.id AS b_id, c.id AS c_id, a2.id AS a2_id FROM a a1"
                    + " LEFT JOIN b ON a1.k = b.k RIGHT JOIN c ON c.k = b.w FULL JOIN a a2 ON a2.g = c.g"),
            // outer joins under aggregates and DISTINCT, and of derived aggregates
            q("outer_agg_counts", "SELECT a.k, count(*) AS n, count(b.id) AS nb, sum(b.w) AS sw FROM a LEFT JOIN b ON a.k = b.k"
                    + " GROUP BY a.k"),
            q("outer_agg_full_coalesced_key", "SELECT coalesce(a.k, c.k) AS kk, count(a.id) AS na, count(c.id) AS nc, sum(c.x) AS sx"
                    + " FROM a FULL JOIN c ON a.k = c.k GROUP BY coalesce(a.k, c.k)"),
            q("outer_agg_global_right", "SELECT count(*) AS n, count(a.id) AS na, max(a.t) AS mt, sum(a.v) AS sv"
                    + " FROM a RIGHT JOIN b ON a.g = b.k"),
            q("outer_agg_count_distinct", "SELECT a.g, count(DISTINCT b.label) AS labels, count(b.label) AS nl"
                    + " FROM a LEFT JOIN b ON a.k = b.k GROUP BY a.g"),
            q("outer_distinct", "SELECT DISTINCT a.k, b.label FROM a LEFT JOIN b ON a.k = b.k"),
            q("outer_left_of_derived_aggregate", "SELECT a.id AS a_id, s.n, s.sw FROM a"
                    + " LEFT JOIN (SELECT k, count(*) AS n, sum(w) AS sw FROM b GROUP BY k) s ON s.k = a.k"),
            q("outer_full_of_two_aggregates", "SELECT coalesce(ga.k, gc.k) AS kk, ga.n AS na, gc.sx"
                    + " FROM (SELECT k, count(*) AS n FROM a GROUP BY k) ga FULL JOIN (SELECT k, sum(x) AS sx FROM c GROUP BY k) gc"
                    + " ON ga.k = gc.k"),
            // semi and anti joins: EXISTS and NOT EXISTS, correlated by equality or not, filtered, uncorrelated
            q("semi_exists", "SELECT id, k FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.k = a.k)"),
            q("anti_not_exists", "SELECT id, t FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.k = a.g)"),
            q("semi_exists_non_equi", "SELECT id, k FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.w < a.k)"),
            q("semi_exists_mixed", "SELECT id, v FROM a WHERE EXISTS (SELECT 1 FROM c WHERE c.k = a.g AND c.x > a.v)"),
            q("anti_not_exists_non_equi", "SELECT id, v FROM a WHERE NOT EXISTS (SELECT 1 FROM c WHERE c.x >= a.v)"),
            q("semi_exists_filtered", "SELECT id, g FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.k = a.k AND b.label = 'p')"),
            q("semi_exists_uncorrelated", "SELECT id, k FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.w > 5)"),
            q("semi_and_anti", "SELECT id, k, g FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.k = a.k)"
                    + " AND NOT EXISTS (SELECT 1 FROM c WHERE c.g = a.g)"),
            // IN and NOT IN: NULLs on both sides (a NULL in the subquery and NOT IN is never true)
            q("semi_in", "SELECT id, k FROM a WHERE k IN (SELECT k FROM b)"),
            q("anti_not_in", "SELECT id, k FROM a WHERE k NOT IN (SELECT k FROM b)"),
            q("semi_in_filtered", "SELECT id, g FROM a WHERE g IN (SELECT k FROM c WHERE x > 1)"),
            q("anti_not_in_filtered", "SELECT id, g FROM a WHERE g NOT IN (SELECT w FROM b WHERE label IS NOT NULL)"),
            q("anti_not_in_non_null", "SELECT id, k FROM a WHERE k NOT IN (SELECT k FROM c WHERE k IS NOT NULL)"),
            q("semi_in_two_columns", "SELECT id, k, g FROM a WHERE (k, g) IN (SELECT k, g FROM c)"),
            q("anti_not_in_two_columns", "SELECT id, k, g FROM a WHERE (k, g) NOT IN (SELECT k, g FROM c)"),
            q("semi_in_grouped", "SELECT id, k FROM a WHERE k IN (SELECT k FROM b GROUP BY k HAVING count(*) > 1)"),
            q("anti_not_of_in", "SELECT id, k FROM a WHERE NOT (k IN (SELECT w FROM b))"),
            q("semi_in_nested_not_in", "SELECT id, k FROM a WHERE k IN (SELECT k FROM b WHERE w NOT IN (SELECT g FROM c WHERE g IS NOT NULL))"),
            // under OR, and as values in the SELECT list (three-valued: true, false or NULL)
            q("semi_exists_under_or", "SELECT id, flag FROM a WHERE flag OR EXISTS (SELECT 1 FROM b WHERE b.k = a.k)"),
            q("semi_in_under_or", "SELECT id, k FROM a WHERE k IN (SELECT w FROM b) OR g NOT IN (SELECT k FROM c)"),
            q("semi_as_values", "SELECT id, k IN (SELECT k FROM b) AS in_b, k NOT IN (SELECT g FROM c) AS not_in_c,"
                    + " EXISTS (SELECT 1 FROM c WHERE c.k = a.k) AS has_c FROM a"),
            // = ANY, <> ALL, > ALL, > ANY
            q("semi_eq_any", "SELECT id, k FROM a WHERE k = ANY (SELECT w FROM b)"),
            q("anti_ne_all", "SELECT id, k FROM a WHERE k <> ALL (SELECT w FROM b)"),
            q("anti_gt_all_correlated", "SELECT id, v FROM a WHERE v > ALL (SELECT x FROM c WHERE c.g = a.g)"),
            q("semi_gt_any", "SELECT id, g FROM a WHERE g > ANY (SELECT k FROM c)"),
            // semi and anti joins under joins, aggregates and DISTINCT
            q("semi_under_join", "SELECT a.id AS a_id, b.id AS b_id FROM a JOIN b ON a.k = b.k"
                    + " WHERE EXISTS (SELECT 1 FROM c WHERE c.g = b.w)"),
            q("semi_under_aggregate", "SELECT g, count(*) AS n, sum(v) AS sv FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.k = a.k)"
                    + " GROUP BY g"),
            q("anti_under_global_aggregate", "SELECT count(*) AS n, max(t) AS mt FROM a WHERE k NOT IN (SELECT k FROM b)"),
            q("anti_under_distinct", "SELECT DISTINCT k, flag FROM a WHERE NOT EXISTS (SELECT 1 FROM c WHERE c.k = a.k)"),
            // scalar subqueries: correlated in SELECT and WHERE, uncorrelated, counts (no match gives 0, not NULL)
            q("scalar_select_correlated_max", "SELECT id, k, (SELECT max(w) FROM b WHERE b.k = a.k) AS mw FROM a"),
            q("scalar_select_two_correlated", "SELECT id, (SELECT min(label) FROM b WHERE b.k = a.k) AS first_label,"
                    + " (SELECT max(x) FROM c WHERE c.g = a.g) AS top_x FROM a"),
            q("scalar_where_correlated_avg", "SELECT id, v FROM a WHERE a.v > (SELECT avg(x) FROM c WHERE c.k = a.k)"),
            q("scalar_select_uncorrelated", "SELECT id, (SELECT count(*) FROM b) AS nb, (SELECT sum(x) FROM c) AS sx FROM a"),
            q("scalar_where_uncorrelated", "SELECT id, v FROM a WHERE v > (SELECT avg(x) FROM c)"),
            q("scalar_count_correlated", "SELECT id, (SELECT count(*) FROM b WHERE b.k = a.k) AS nb FROM a"),
            q("scalar_count_zero_in_where", "SELECT id, k FROM a WHERE (SELECT count(*) FROM b WHERE b.k = a.k) = 0"),
            q("scalar_count_compared", "SELECT id, g FROM a WHERE a.g < (SELECT count(*) FROM c WHERE c.k = a.k)"),
            q("scalar_count_non_equi", "SELECT id, (SELECT count(*) FROM b WHERE b.w > a.k) AS bigger FROM a"),
            q("scalar_in_expression", "SELECT id, coalesce((SELECT sum(x) FROM c WHERE c.g = a.g), 0) + v AS total FROM a"),
            q("scalar_under_aggregate", "SELECT label, sum((SELECT count(*) FROM c WHERE c.k = b.k)) AS sc, count(*) AS n"
                    + " FROM b GROUP BY label"),
            // WITH: used once, used twice (a self join), aggregated and joined back, chained, in a subquery
            q("cte_once", "WITH s AS (SELECT k, w FROM b WHERE w > 1) SELECT a.id AS a_id, s.w FROM a JOIN s ON s.k = a.k"),
            q("cte_twice_self_join", "WITH s AS (SELECT id, k, g FROM a WHERE flag IS NOT FALSE)"
                    + " SELECT s1.id AS id1, s2.id AS id2 FROM s s1 JOIN s s2 ON s1.k = s2.g"),
            q("cte_aggregate_joined_back", "WITH totals AS (SELECT k, sum(w) AS sw, count(*) AS n FROM b GROUP BY k)"
                    + " SELECT a.id AS a_id, totals.sw, totals.n FROM a JOIN totals ON totals.k = a.k"),
            q("cte_aggregate_twice", "WITH t AS (SELECT g, count(*) AS n FROM a GROUP BY g)"
                    + " SELECT t1.g, t1.n, t2.n AS next_n FROM t t1 LEFT JOIN t t2 ON t2.g = t1.g + 1"),
            q("cte_chained", "WITH s AS (SELECT k, x FROM c WHERE x > 0), t AS (SELECT k, count(*) AS n FROM s GROUP BY k)"
                    + " SELECT b.id AS b_id, t.n FROM b JOIN t ON t.k = b.k"),
            q("cte_in_subquery", "WITH p AS (SELECT k FROM b WHERE label = 'p') SELECT id, k FROM a WHERE k IN (SELECT k FROM p)"),
            // aggregates over joins over aggregates; aggregates over aggregates (TPC-H Q13's shape); HAVING over them
            q("agg_over_join_of_aggregate", "SELECT a.g, count(*) AS n, sum(s.n) AS total FROM a"
                    + " JOIN (SELECT k, count(*) AS n FROM b GROUP BY k) s ON s.k = a.k GROUP BY a.g"),
            q("agg_over_aggregate_q13", "SELECT s.cnt, count(*) AS custdist FROM (SELECT a.id AS aid, count(b.id) AS cnt"
                    + " FROM a LEFT JOIN b ON b.k = a.k AND b.label IS DISTINCT FROM 'q' GROUP BY a.id) s GROUP BY s.cnt"),
            q("agg_over_aggregate_having", "SELECT s.n, count(*) AS groups FROM (SELECT k, count(*) AS n FROM a GROUP BY k"
                    + " HAVING count(*) > 1) s GROUP BY s.n"),
            q("agg_global_over_aggregate", "SELECT max(s.n) AS biggest, count(*) AS groups, sum(s.sv) AS total"
                    + " FROM (SELECT g, count(*) AS n, sum(v) AS sv FROM a GROUP BY g) s"),
            q("agg_join_of_aggregates_filtered", "SELECT ga.k, ga.n AS na, gb.n AS nb FROM (SELECT k, count(*) AS n FROM a GROUP BY k) ga"
                    + " JOIN (SELECT k, count(*) AS n FROM b GROUP BY k) gb ON ga.k = gb.k WHERE ga.n > gb.n"),
            q("agg_over_join_of_aggregate_having", "SELECT b.label, sum(s.sv) AS total, count(*) AS n FROM b"
                    + " JOIN (SELECT g, sum(v) AS sv FROM a GROUP BY g) s ON s.g = b.k GROUP BY b.label HAVING count(*) > 1"),
            q("agg_derived_filtered", "SELECT s.k, s.sx FROM (SELECT k, sum(x) AS sx FROM c GROUP BY k) s WHERE s.sx > 1"),
            q("agg_over_distinct", "SELECT s.k, count(*) AS n FROM (SELECT DISTINCT k, g FROM a) s GROUP BY s.k"),
            q("agg_distinct_over_join_of_aggregate", "SELECT DISTINCT s.n, b.label FROM b"
                    + " JOIN (SELECT k, count(*) AS n FROM c GROUP BY k) s ON s.k = b.k"),
            // INTERSECT and EXCEPT, with and without ALL, over duplicates and NULLs, nested with UNION
            q("setop_intersect", "SELECT k, g FROM a INTERSECT SELECT k, g FROM c"),
            q("setop_intersect_all", "SELECT k FROM a INTERSECT ALL SELECT k FROM b"),
            q("setop_except", "SELECT k, g FROM a EXCEPT SELECT k, g FROM c"),
            q("setop_except_all", "SELECT g FROM a EXCEPT ALL SELECT w FROM b"),
            q("setop_except_all_text", "SELECT t FROM a EXCEPT ALL SELECT label FROM b"),
            q("setop_except_all_same_table", "SELECT k, flag FROM a EXCEPT ALL SELECT g, flag FROM a WHERE v > 0"),
            q("setop_union_all_intersect_all", "(SELECT k FROM a UNION ALL SELECT k FROM c) INTERSECT ALL SELECT w FROM b"),
            q("setop_union_except", "SELECT k FROM a UNION SELECT k FROM b EXCEPT SELECT g FROM c"),
            q("setop_intersect_union_all", "SELECT k FROM a INTERSECT SELECT k FROM b UNION ALL SELECT k FROM c"),
            q("setop_intersect_all_of_join", "SELECT a.k FROM a JOIN b ON a.k = b.k INTERSECT ALL SELECT c.k FROM c"),
            // aggregates: DISTINCT (NULLs are not counted), FILTER, statistics over numerics
            q("agg_count_distinct", "SELECT k, count(DISTINCT g) AS dg, count(DISTINCT t) AS dt, count(*) AS n FROM a GROUP BY k"),
            q("agg_count_distinct_global", "SELECT count(DISTINCT k) AS dk, count(DISTINCT label) AS dl, count(*) AS n FROM b"),
            q("agg_sum_avg_distinct", "SELECT g, sum(DISTINCT v) AS sdv, avg(DISTINCT v) AS adv, sum(v) AS sv FROM a GROUP BY g"),
            q("agg_distinct_unconstrained_numeric", "SELECT g, sum(DISTINCT x) AS sdx, count(DISTINCT x) AS cdx FROM c GROUP BY g"),
            q("agg_filter", "SELECT k, count(*) FILTER (WHERE flag) AS nf, sum(v) FILTER (WHERE t IS NOT NULL) AS sv,"
                    + " max(t) FILTER (WHERE v > 0) AS mt FROM a GROUP BY k"),
            q("agg_filter_global", "SELECT count(*) FILTER (WHERE w > 2) AS big, count(*) AS n, sum(w) FILTER (WHERE label = 'p') AS sp"
                    + " FROM b"),
            q("agg_stddev_variance", "SELECT g, stddev_samp(v) AS sd, var_pop(v) AS vp, variance(k) AS vk FROM a GROUP BY g"),
            q("agg_stddev_unconstrained_numeric", "SELECT k, stddev_pop(x) AS sdx, var_samp(x) AS vx FROM c GROUP BY k"),
            // ordered aggregates (ordered down to the id: deterministic), and a user-defined one
            q("agg_string_agg_ordered", "SELECT k, string_agg(t, ',' ORDER BY t, id) AS ts FROM a GROUP BY k"),
            q("agg_string_agg_over_join", "SELECT b.label, string_agg(a.t, '|' ORDER BY a.t, a.id, b.id) AS ts"
                    + " FROM a JOIN b ON a.k = b.k GROUP BY b.label"),
            q("agg_array_agg_ordered", "SELECT g, array_agg(x ORDER BY id) AS xs FROM c GROUP BY g"),
            q("agg_array_agg_distinct", "SELECT label, array_agg(DISTINCT k ORDER BY k) AS ks FROM b GROUP BY label"),
            q("agg_user_defined", "SELECT k, my_sum(v) AS ms, count(*) AS n FROM a GROUP BY k"),
            q("agg_user_defined_over_join", "SELECT b.label, my_sum(c.x) AS msx FROM b JOIN c ON b.k = c.k GROUP BY b.label"),
            // aggregates inside UNION ALL branches; UNION of grouped queries
            q("union_all_of_aggregates", "SELECT k, count(*) AS n FROM a GROUP BY k UNION ALL SELECT k, count(*) FROM b GROUP BY k"),
            q("union_all_aggregates_and_rows", "SELECT 'a' AS src, count(*) AS n FROM a UNION ALL SELECT 'b', count(*) FROM b"
                    + " UNION ALL SELECT label, w FROM b"),
            q("union_all_of_having", "SELECT k, sum(w) AS s FROM b GROUP BY k HAVING count(*) > 1"
                    + " UNION ALL SELECT k, sum(g) FROM c GROUP BY k"),
            q("union_of_group_by_keys", "SELECT k FROM a GROUP BY k UNION SELECT k FROM b GROUP BY k"),
            q("union_of_aggregates", "SELECT g AS key, count(*) AS n FROM a GROUP BY g UNION SELECT g, count(*) FROM c GROUP BY g"),
            // window functions and DISTINCT ON over and under the other constructs
            q("window_over_left_join", "SELECT a.id AS a_id, b.id AS b_id, count(b.id) OVER (PARTITION BY a.k) AS nb,"
                    + " row_number() OVER (PARTITION BY a.g ORDER BY a.id, b.id NULLS FIRST) AS rn FROM a LEFT JOIN b ON a.k = b.k"),
            q("window_over_union_all", "SELECT s.k, s.src, rank() OVER (PARTITION BY s.k ORDER BY s.src) AS r"
                    + " FROM (SELECT k, 'a' AS src FROM a UNION ALL SELECT k, 'b' FROM b) s"),
            q("window_cte_joined", "WITH ranked AS (SELECT id, k, row_number() OVER (PARTITION BY k ORDER BY v, id) AS rn FROM a)"
                    + " SELECT ranked.id, ranked.rn, b.label FROM ranked JOIN b ON b.k = ranked.k WHERE ranked.rn <= 2"),
            q("window_over_aggregate_over_join", "SELECT b.label, count(*) AS n, rank() OVER (ORDER BY count(*) DESC) AS r"
                    + " FROM a JOIN b ON a.k = b.k GROUP BY b.label"),
            q("window_under_distinct", "SELECT DISTINCT k, count(*) OVER (PARTITION BY k) AS n FROM a"),
            q("window_under_aggregate", "SELECT s.rn, count(*) AS n FROM (SELECT row_number() OVER (PARTITION BY k ORDER BY id) AS rn FROM a) s"
                    + " GROUP BY s.rn"),
            q("window_over_semi_join", "SELECT id, sum(v) OVER (PARTITION BY g) AS sg FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.k = a.k)"),
            q("window_ordered_by_scalar_subquery", "SELECT id, rank() OVER (PARTITION BY k ORDER BY (SELECT max(w) FROM b WHERE b.k = a.g)"
                    + " NULLS FIRST) AS r FROM a"),
            q("distinct_on_of_aggregate", "SELECT DISTINCT ON (s.g) s.g, s.k, s.n FROM (SELECT g, k, count(*) AS n FROM a GROUP BY g, k) s"
                    + " ORDER BY s.g, s.n DESC, s.k NULLS FIRST"),
            q("distinct_on_semi_join", "SELECT DISTINCT ON (k) k, id FROM a WHERE k IN (SELECT k FROM c) ORDER BY k, id DESC"));

    private static UnsupportedCase u(String name, String query, String... construct) {
        return new UnsupportedCase(name, query, List.of(construct));
    }

    /** Queries that must fall back to full refresh, with words one of which the reason must contain. */
    public static final List<UnsupportedCase> UNSUPPORTED = List.of(
            u("distinct_on_any_row", "SELECT DISTINCT ON (k) k, g FROM a", "DISTINCT ON"),
            u("window_order_using", "SELECT id, row_number() OVER (ORDER BY t USING ~<~, id) AS rn FROM a", "window"),
            u("group_by_primary_key", "SELECT id, t FROM a GROUP BY id", "GROUP BY key"),
            u("limit_without_order_by", "SELECT id, k FROM a LIMIT 3", "ORDER BY"),
            u("limit_not_constant", "SELECT id FROM a ORDER BY id LIMIT (SELECT count(*) FROM b)", "LIMIT"),
            u("offset_without_limit", "SELECT id FROM a ORDER BY id OFFSET 2", "OFFSET"),
            u("lateral_grouping_sets", "SELECT a.id, s.w, s.n FROM a CROSS JOIN LATERAL (SELECT b.w, count(*) AS n FROM b"
                    + " WHERE b.k = a.k GROUP BY ROLLUP (b.w)) s", "LATERAL"),
            u("scalar_subquery_not_aggregate", "SELECT id, (SELECT w FROM b WHERE b.id = a.id) AS w FROM a", "scalar subquery"),
            u("any_inequality_under_or", "SELECT id FROM a WHERE flag OR k < ANY (SELECT k FROM b)", "subquery"),
            u("recursion_in_correlated_exists", "SELECT a.id FROM a WHERE EXISTS (WITH RECURSIVE reach(src, dst) AS"
                    + " (SELECT k, w FROM b UNION SELECT r.src, b.w FROM reach r JOIN b ON b.k = r.dst)"
                    + " SELECT 1 FROM reach WHERE reach.src = a.k AND reach.dst = a.g)", "correlated subquery"),
            u("clock", "SELECT id FROM a WHERE now() > '2000-01-01'::timestamptz", "clock"),
            // (volatile functions, set-returning or not, are refused when the stream table is created)
            u("group_by_distinct", "SELECT k, g, count(*) AS n FROM a GROUP BY DISTINCT ROLLUP (k), ROLLUP (k, g)", "GROUP BY DISTINCT"),
            u("table_function", "SELECT a.id, j.v FROM a, JSON_TABLE(jsonb_build_array(a.t), '$[*]' COLUMNS (v text PATH '$')) AS j",
                    "table function"),
            u("function_correlated_to_outer_query", "SELECT id FROM a WHERE EXISTS (SELECT 1 FROM generate_series(1, a.k) AS i"
                    + " WHERE i = 2)", "enclosing query"),
            u("function_left_of_join", "SELECT a.id, i, j FROM a, generate_series(1, a.k) AS i JOIN generate_series(1, a.g) AS j"
                    + " ON j = i", "not applied to"),
            u("function_inside_parenthesized_join", "SELECT a.id, i FROM a JOIN (b CROSS JOIN LATERAL generate_series(1, a.k) AS i)"
                    + " ON a.k = b.k", "not applied to"),
            u("srf_in_grouped_query", "SELECT k, generate_series(1, count(*)::int) AS i FROM a GROUP BY k", "set-returning"),
            u("srf_order_by_only", "SELECT id FROM a ORDER BY generate_series(1, k)", "set-returning"));
}
