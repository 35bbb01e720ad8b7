package io.pgstream.bench;

import static io.pgstream.bench.BenchSql.execute;
import static io.pgstream.bench.BenchSql.queryLong;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What change capture adds to writes. Three identical tables: one without capture, one captured by
 * pg_stream's statement-level triggers with transition tables, one captured by equivalent row-level
 * triggers writing the same buffer. Bulk INSERT, UPDATE and DELETE of {@code rows} rows (median of
 * {@code repeats}), and single-row UPDATE transactions by primary key from one client.
 */
public final class CaptureBenchmark {

    /** One measured figure. */
    public record Figure(String variant, String operation, double value, String unit) {}

    private static final List<String> VARIANTS = List.of("none", "statement", "row");

    private final String jdbcUrl;
    private final int rows;
    private final int repeats;
    private final int oltpTransactions;

    public CaptureBenchmark(String jdbcUrl, int rows, int repeats, int oltpTransactions) {
        this.jdbcUrl = jdbcUrl;
        this.rows = rows;
        this.repeats = repeats;
        this.oltpTransactions = oltpTransactions;
    }

    public List<Figure> run() throws SQLException {
        List<Figure> figures = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            for (String variant : VARIANTS) {
                setUp(c, variant);
            }
            for (String variant : VARIANTS) {
                figures.addAll(bulk(c, variant));
                figures.add(oltp(c, variant));
            }
        }
        return figures;
    }

    private void setUp(Connection c, String variant) throws SQLException {
        String table = table(variant);
        execute(c, "DROP TABLE IF EXISTS " + table + " CASCADE",
                "CREATE TABLE " + table + " (id int PRIMARY KEY, k int, v numeric(12,2), note text)");
        if (variant.equals("none")) {
            return;
        }
        execute(c, "SELECT pgstream.create_stream_table('" + table + "_totals', "
                + "'SELECT k, sum(v) AS total, count(note) AS notes FROM " + table + " GROUP BY k', '1d')");
        if (variant.equals("row")) {
            replaceWithRowTriggers(c, table);
        }
    }

    /** The same buffer rows, written one trigger call per row. */
    private static void replaceWithRowTriggers(Connection c, String table) throws SQLException {
        String buffer = "pgstream_changes.changes_" + queryLong(c, "SELECT '" + table + "'::regclass::oid");
        execute(c,
                "DROP TRIGGER pgstream_capture_insert ON " + table,
                "DROP TRIGGER pgstream_capture_update ON " + table,
                "DROP TRIGGER pgstream_capture_delete ON " + table,
                """
                CREATE OR REPLACE FUNCTION bench_row_capture() RETURNS trigger LANGUAGE plpgsql AS $f$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        INSERT INTO %1$s (__pgs_op, k, v, note) VALUES ('D', OLD.k, OLD.v, OLD.note);
                    END IF;
                    IF TG_OP IN ('UPDATE', 'INSERT') THEN
                        INSERT INTO %1$s (__pgs_op, k, v, note) VALUES ('I', NEW.k, NEW.v, NEW.note);
                    END IF;
                    RETURN NULL;
                END $f$""".formatted(buffer),
                "CREATE TRIGGER bench_row_capture AFTER INSERT OR UPDATE OR DELETE ON " + table
                        + " FOR EACH ROW EXECUTE FUNCTION bench_row_capture()");
    }

    private List<Figure> bulk(Connection c, String variant) throws SQLException {
        String table = table(variant);
        double[][] micros = new double[3][repeats];
        for (int r = 0; r < repeats; r++) {
            micros[0][r] = timedPerRow(c, "INSERT INTO " + table + " SELECT g, g % 100, g * 0.5, 'note ' || g"
                    + " FROM generate_series(1, " + rows + ") g");
            micros[1][r] = timedPerRow(c, "UPDATE " + table + " SET v = v + 1");
            micros[2][r] = timedPerRow(c, "DELETE FROM " + table);
            resetBuffer(c, variant);
            execute(c, "VACUUM " + table);
        }
        return List.of(new Figure(variant, "bulk INSERT", median(micros[0]), "µs/row"),
                new Figure(variant, "bulk UPDATE", median(micros[1]), "µs/row"),
                new Figure(variant, "bulk DELETE", median(micros[2]), "µs/row"));
    }

    /** The next round starts from the same state: an empty buffer. */
    private static void resetBuffer(Connection c, String variant) throws SQLException {
        if (!variant.equals("none")) {
            execute(c, "TRUNCATE pgstream_changes.changes_" + queryLong(c, "SELECT '" + table(variant) + "'::regclass::oid"));
        }
    }

    private Figure oltp(Connection c, String variant) throws SQLException {
        String table = table(variant);
        execute(c, "INSERT INTO " + table + " SELECT g, g % 100, g, 'n' FROM generate_series(1, 10000) g");
        try (PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET v = v + 1 WHERE id = ?")) {
            for (int i = 0; i < 500; i++) { // warm-up
                update.setInt(1, i % 10000 + 1);
                update.execute();
            }
            long start = System.nanoTime();
            for (int i = 0; i < oltpTransactions; i++) {
                update.setInt(1, (i * 7919) % 10000 + 1);
                update.execute();
            }
            double micros = (System.nanoTime() - start) / 1e3 / oltpTransactions;
            execute(c, "DELETE FROM " + table);
            return new Figure(variant, "single-row UPDATE", micros, "µs/tx");
        }
    }

    private static double timedPerRow(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            long start = System.nanoTime();
            int affected = statement.executeUpdate(sql);
            return (System.nanoTime() - start) / 1e3 / Math.max(1, affected);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String table(String variant) {
        return "capture_" + variant;
    }

    /** Prints the figures as a table, with the overhead over the uncaptured table. */
    public static void print(List<Figure> figures, PrintWriter out) {
        out.printf("%-20s %12s %12s %12s   %s%n", "operation", "no capture", "statement", "row", "unit");
        for (String operation : figures.stream().map(Figure::operation).distinct().toList()) {
            double none = value(figures, "none", operation);
            double statement = value(figures, "statement", operation);
            double row = value(figures, "row", operation);
            out.printf("%-20s %12.2f %12.2f %12.2f   %s (capture adds %.2f statement, %.2f row)%n", operation, none,
                    statement, row, unit(figures, operation), statement - none, row - none);
        }
    }

    public static void writeCsv(List<Figure> figures, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder csv = new StringBuilder("variant,operation,value,unit\n");
        for (Figure f : figures) {
            csv.append("%s,%s,%.3f,%s%n".formatted(f.variant(), f.operation(), f.value(), f.unit()));
        }
        Files.writeString(file, csv);
    }

    private static double value(List<Figure> figures, String variant, String operation) {
        return figures.stream().filter(f -> f.variant().equals(variant) && f.operation().equals(operation))
                .findFirst().orElseThrow().value();
    }

    private static String unit(List<Figure> figures, String operation) {
        return figures.stream().filter(f -> f.operation().equals(operation)).findFirst().orElseThrow().unit();
    }
}
