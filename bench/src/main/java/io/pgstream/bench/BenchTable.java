package io.pgstream.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A stream table of the refresh benchmark, over its {@code orders} and {@code customers} tables.
 * {@code baseline} tables take part in every phase; the others, one per construct the compiler is being taught to
 * maintain, only in the one-row change (a), (b), whether their plan is differential or FULL.
 *
 * <p>The construct queries read only {@code customer_id} and {@code amount} of {@code orders}, as the baseline tables
 * do, so that they leave its capture (whose columns only grow) as it was for the phases after them. Their results
 * stay small at any size (at most three rows per customer), so that a refresh measures the construct and not the
 * writing of a large table. Each customer's orders carry ten amounts 100.00 apart, the lowest spread evenly
 * over the customers from 0 to 99.99, whatever the number of orders.
 */
public record BenchTable(String name, String query, boolean baseline) {

    public static final String AGG = "agg";
    public static final String JOIN_AGG = "join_agg";

    public static final List<BenchTable> ALL = List.of(
            baseline(AGG, "SELECT customer_id, count(*) AS n, sum(amount) AS total FROM orders GROUP BY customer_id"),
            baseline(JOIN_AGG, "SELECT c.region, count(*) AS n, sum(o.amount) AS total"
                    + " FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.region"),
            // join_agg with an outer join: the two thirds of the orders whose customer is not 'enterprise' keep a NULL region
            construct("left_join", "SELECT c.region, count(*) AS n, sum(o.amount) AS total FROM orders o"
                    + " LEFT JOIN customers c ON c.id = o.customer_id AND c.segment = 'enterprise' GROUP BY c.region"),
            // half of the customers have an order of at least 950.00 (the half whose highest amount reaches it)
            construct("exists", "SELECT c.id, c.region FROM customers c"
                    + " WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.amount >= 950)"),
            construct("not_exists", "SELECT c.id, c.region FROM customers c"
                    + " WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.amount >= 950)"),
            construct("scalar_subquery", "SELECT c.id, c.region,"
                    + " (SELECT sum(o.amount) FROM orders o WHERE o.customer_id = c.id) AS total FROM customers c"),
            // TPC-H Q13's shape, over sums: every change moves one inner group, and now and then an outer one
            construct("agg_over_agg", "SELECT s.band, count(*) AS customers FROM (SELECT customer_id,"
                    + " floor(sum(amount) / 1000) AS band FROM orders GROUP BY customer_id) s GROUP BY s.band"),
            construct("count_distinct", "SELECT c.region, count(DISTINCT o.amount) AS amounts"
                    + " FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.region"),
            // the ten customers with the highest totals: a TopK over an aggregate, its state table one row per customer
            construct("topk_aggregate", "SELECT customer_id, sum(amount) AS total FROM orders GROUP BY customer_id"
                    + " ORDER BY total DESC, customer_id LIMIT 10"),
            // each customer's three lowest amounts, one partition per customer: ordered by amount alone, the
            // tied orders of an amount are numbered either way, but without their ids every numbering shows the same
            construct("window_row_number", "SELECT s.customer_id, s.amount, s.rn FROM (SELECT customer_id, amount,"
                    + " row_number() OVER (PARTITION BY customer_id ORDER BY amount) AS rn FROM orders) s WHERE s.rn <= 3"),
            construct("distinct_on", "SELECT DISTINCT ON (customer_id) customer_id, amount FROM orders"
                    + " ORDER BY customer_id, amount DESC"),
            // each customer's three highest amounts, a TopK per outer row: ties show the same amounts whichever rows win
            construct("lateral_top3", "SELECT c.id, s.amount FROM customers c CROSS JOIN LATERAL"
                    + " (SELECT o.amount FROM orders o WHERE o.customer_id = c.id ORDER BY o.amount DESC LIMIT 3) s"),

            // a function in FROM per order (1 to 10 rows, by amount) under the counters of a grouped aggregate
            construct("lateral_agg", "SELECT o.customer_id, count(*) AS n, sum(g.i) AS si FROM orders o,"
                    + " generate_series(1, 1 + floor(o.amount / 100)::int) AS g(i) GROUP BY o.customer_id"),
            // one aggregate per grouping set: per customer (touched groups recomputed) and the grand total (the whole table)
            construct("rollup", "SELECT customer_id, count(*) AS n, sum(amount) AS total FROM orders GROUP BY ROLLUP (customer_id)"));

    private static BenchTable baseline(String name, String query) {
        return new BenchTable(name, query, true);
    }

    private static BenchTable construct(String name, String query) {
        return new BenchTable(name, query, false);
    }

    public static List<String> names() {
        return ALL.stream().map(BenchTable::name).toList();
    }

    /** The tables named, in the order of {@link #ALL}; every table for null or "all". */
    public static List<BenchTable> select(List<String> names) {
        if (names == null || names.equals(List.of("all"))) {
            return ALL;
        }
        List<String> unknown = new ArrayList<>(names);
        unknown.removeAll(names());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown stream tables " + unknown + ": the benchmark's tables are "
                    + String.join(", ", names()));
        }
        return ALL.stream().filter(t -> names.contains(t.name())).toList();
    }

    /** Whether every baseline table is among these: the phases beyond (a) and (b) need them. */
    static boolean includesBaseline(List<BenchTable> tables) {
        return tables.containsAll(ALL.stream().filter(BenchTable::baseline).toList());
    }
}
