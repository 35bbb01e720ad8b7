package io.pgstream.bench;

import io.pgstream.embedded.EmbeddedPostgres;
import io.pgstream.extension.ExtensionInstaller;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

/** Runs the benchmarks on the embedded PostgreSQL 18 (or on a given database) and records the figures. */
public final class BenchRunner {

    private BenchRunner() {}

    /** The capture benchmark; with no URL, on a fresh embedded server with production-like durability. */
    public static List<CaptureBenchmark.Figure> capture(String jdbcUrl, int rows, Path resultsDir, PrintWriter out)
            throws IOException, SQLException {
        if (jdbcUrl != null) {
            return captureOn(jdbcUrl, rows, resultsDir, out);
        }
        // fsync stays off as in every embedded run; synchronous_commit on makes single-row commits realistic
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setting("synchronous_commit", "on").start()) {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres")); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE bench");
            }
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("bench"))) {
                ExtensionInstaller.install(c, ExtensionInstaller.Method.AUTO);
            }
            out.printf("embedded PostgreSQL %s; %d rows per bulk statement%n", server.version(), rows);
            return captureOn(server.jdbcUrl("bench"), rows, resultsDir, out);
        }
    }

    private static List<CaptureBenchmark.Figure> captureOn(String jdbcUrl, int rows, Path resultsDir, PrintWriter out)
            throws IOException, SQLException {
        List<CaptureBenchmark.Figure> figures = new CaptureBenchmark(jdbcUrl, rows, 3, 5000).run();
        CaptureBenchmark.print(figures, out);
        Path csv = resultsDir.resolve("capture-" + LocalDate.now() + ".csv");
        CaptureBenchmark.writeCsv(figures, csv);
        out.println("figures written to " + csv);
        return figures;
    }
}
