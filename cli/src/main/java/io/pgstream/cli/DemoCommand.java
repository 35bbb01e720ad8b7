package io.pgstream.cli;

import io.pgstream.cli.DemoSchema.StreamTableDefinition;
import io.pgstream.cli.TextTable.Column;
import io.pgstream.core.sql.Sql;
import io.pgstream.embedded.EmbeddedPostgres;
import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineConfig;
import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.extension.ExtensionFiles;
import io.pgstream.extension.ExtensionInstaller;
import io.pgstream.extension.ExtensionInstaller.Method;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The demo: a PostgreSQL of its own, a small shop with stream tables over it, the engine keeping them fresh while
 * writers change the shop, and at the end a check of every stream table against its query computed from scratch.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Shows pg_stream at work on an embedded PostgreSQL: stream tables kept fresh while writers "
                + "change their sources, then checked against their queries.",
                "Logs only warnings unless --log-level is given."})
final class DemoCommand implements Callable<Integer> {

    private static final String DATABASE = "demo";
    private static final int REFRESH_THREADS = 2;
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(15);
    /** The shell's code for a command ended by Ctrl-C. */
    private static final int INTERRUPTED = 130;
    private static final String INDENT = "    ";

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "how long the writers run (default: ${DEFAULT-VALUE})")
    private Duration duration;

    @Option(names = "--keep", description = "at the end, keep PostgreSQL and the engine running for a look with "
            + "psql, until Ctrl-C")
    private boolean keep;

    private PrintWriter out;

    @Override
    public Integer call() throws IOException, SQLException {
        out = spec.commandLine().getOut();
        try (Logging.Restore quiet = Logging.quietUnlessChosen(main.logLevelChosen());
             ShutdownSignal signal = ShutdownSignal.install()) {
            out.printf("pg_stream %s demo: stream tables kept fresh while their sources change%n%n",
                    ExtensionFiles.defaultVersion());
            int exitCode;
            try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
                step("PostgreSQL %s on localhost:%d (data directory %s, removed at the end)".formatted(
                        server.version(), server.port(), server.dataDirectory()));
                String url = createDatabase(server);
                try (Connection connection = DriverManager.getConnection(url)) {
                    setUp(connection);
                    exitCode = runWithEngine(server, url, connection, signal);
                }
            }
            if (!signal.isRequested()) {
                step("PostgreSQL stopped");
            }
            return exitCode;
        }
    }

    private static String createDatabase(EmbeddedPostgres server) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + Sql.identifier(DATABASE));
        }
        return server.jdbcUrl(DATABASE);
    }

    private void setUp(Connection connection) throws SQLException {
        step("database " + DATABASE + ": " + ExtensionInstaller.install(connection, Method.AUTO).describe());

        long loadStart = System.nanoTime();
        DemoSchema.load(connection);
        step("loaded %s customers, %s products and %s orders in %s".formatted(Formats.count(DemoSchema.CUSTOMERS),
                Formats.count(DemoSchema.PRODUCTS), Formats.count(DemoSchema.ORDERS),
                Formats.duration(Duration.ofNanos(System.nanoTime() - loadStart))));

        step("created %d stream tables, each populated before create_stream_table returned:"
                .formatted(DemoSchema.STREAM_TABLES.size()));
        TextTable created = new TextTable(Column.left("STREAM TABLE"), Column.left("SCHEDULE"),
                Column.right("ROWS"), Column.left("WHAT IT HOLDS"));
        for (StreamTableDefinition definition : DemoSchema.STREAM_TABLES) {
            StreamTables.create(connection, definition.name(), definition.query(), definition.schedule(), "auto");
        }
        for (StreamTableDefinition definition : DemoSchema.STREAM_TABLES) {
            StreamTableStatus status = StreamTableStatus.readOne(connection, definition.name());
            created.row(status.name(), scheduleOf(connection, definition), Formats.count(status.rows()),
                    definition.summary());
        }
        created.lines().forEach(line -> out.println(INDENT + line));
    }

    /** "every 5s", or for a calculated schedule what it resolved to: "calculated: 5s (from dependent …)". */
    private static String scheduleOf(Connection connection, StreamTableDefinition definition) throws SQLException {
        if (!definition.schedule().equals("calculated")) {
            return "every " + definition.schedule();
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT effective_interval::text || ' (' || effective_basis || ')' FROM pgstream.stream_tables
                 WHERE name = to_regclass(?)::text""")) {
            statement.setString(1, definition.name());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return "calculated: every " + rs.getString(1);
            }
        }
    }

    private int runWithEngine(EmbeddedPostgres server, String url, Connection connection, ShutdownSignal signal)
            throws SQLException {
        boolean caughtUp;
        try (Engine engine = Engine.start(new EngineConfig(List.of(url), REFRESH_THREADS, POLL_INTERVAL))) {
            step("engine started in this process; %d writers change orders and customers for %s"
                    .formatted(DemoWorkload.WRITERS, Formats.duration(duration)));
            out.println(INDENT + "(STALENESS: age of the snapshot a stream table reflects; TOOK: its last refresh)");
            out.println();
            FreshnessDisplay display = new FreshnessDisplay(out, FreshnessDisplay.terminalSupportsRedraw());
            Instant start = Instant.now();
            DemoWorkload workload = DemoWorkload.start(url);
            try (workload) {
                if (!showWhileWriting(display, workload, start, connection, signal)) {
                    return interrupted();
                }
            }
            caughtUp = awaitCatchUp(display, workload, Duration.between(start, Instant.now()), connection, signal);
            if (signal.isRequested()) {
                return interrupted();
            }
            if (keep) {
                boolean verified = verify(connection);
                keepRunning(server, signal);
                return caughtUp && verified ? 0 : 1;
            }
        }
        step("engine stopped");
        boolean verified = verify(connection);
        return caughtUp && verified ? 0 : 1;
    }

    /** Redraws the display every tick until the duration is over; false when stopped before. */
    private boolean showWhileWriting(FreshnessDisplay display, DemoWorkload workload, Instant start,
                                     Connection connection, ShutdownSignal signal) throws SQLException {
        Instant end = start.plus(duration);
        while (Instant.now().isBefore(end)) {
            if (signal.await(TICK)) {
                return false;
            }
            Duration elapsed = Duration.between(start, Instant.now());
            display.update("%s of %s   %d writers: %s".formatted(Formats.clock(elapsed), Formats.clock(duration),
                    DemoWorkload.WRITERS, writerSummary(workload, elapsed)),
                    StreamTableStatus.readAll(connection), revenueByRegion(connection));
        }
        return true;
    }

    /** With the writers stopped, waits for the engine to refresh past their last writes; says how it went. */
    private boolean awaitCatchUp(FreshnessDisplay display, DemoWorkload workload, Duration ran,
                                 Connection connection, ShutdownSignal signal) throws SQLException {
        OffsetDateTime writersStopped = CatchUp.now(connection);
        Instant waitStart = Instant.now();
        List<String> lagging = CatchUp.await(connection, writersStopped, CATCH_UP_LIMIT, signal);
        Duration waited = Duration.between(waitStart, Instant.now());
        if (signal.isRequested()) {
            return false;
        }
        display.showFinal("writers stopped at %s after %s".formatted(Formats.clock(ran), writerSummary(workload, ran)),
                StreamTableStatus.readAll(connection), revenueByRegion(connection));
        if (lagging.isEmpty()) {
            step("the engine caught up %s after the writers stopped (no manual refresh)"
                    .formatted(Formats.duration(waited)));
            refreshSlowTablesByHand(connection);
            return true;
        }
        step("✗ the engine did not catch up within %s: %s".formatted(Formats.duration(CATCH_UP_LIMIT),
                String.join(", ", lagging)));
        return false;
    }

    /** Tables on long schedules (the hourly report) are refreshed by hand, with what they read, for the check. */
    private void refreshSlowTablesByHand(Connection connection) throws SQLException {
        for (String name : CatchUp.slowerThan(connection, CATCH_UP_LIMIT)) {
            StreamTables.RefreshResult result = StreamTables.refresh(connection, name);
            step("%s refreshes on a longer schedule: refreshed by hand for the check, after what it reads (%s)"
                    .formatted(name, result.action()));
        }
    }

    private static String writerSummary(DemoWorkload workload, Duration elapsed) {
        long committed = workload.committed();
        double perSecond = committed / Math.max(0.001, elapsed.toMillis() / 1000.0);
        return "%s transactions (%.0f/s), %s failed".formatted(Formats.count(committed), perSecond,
                Formats.count(workload.failed()));
    }

    /** The stream table whose numbers visibly move, as it is stored right now. */
    private static List<String> revenueByRegion(Connection connection) throws SQLException {
        TextTable table = new TextTable(Column.left("REGION"), Column.right("ORDERS"), Column.right("REVENUE"),
                Column.right("AVG ORDER"));
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT region, orders, revenue, round(avg_order, 2) AS avg_order FROM revenue_by_region ORDER BY revenue DESC")) {
            while (rs.next()) {
                table.row(rs.getString("region"), Formats.count(rs.getLong("orders")),
                        Formats.amount(rs.getBigDecimal("revenue")), Formats.amount(rs.getBigDecimal("avg_order")));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("SELECT region, orders, revenue, round(avg_order, 2) AS avg_order FROM revenue_by_region ORDER BY revenue DESC");
        lines.addAll(table.lines());
        return lines;
    }

    private boolean verify(Connection connection) throws SQLException {
        step("each stream table compared with its query computed from scratch:");
        boolean allMatch = true;
        for (StreamTableDefinition definition : DemoSchema.STREAM_TABLES) {
            QueryCheck check = QueryCheck.run(connection, definition.name(), definition.query());
            check.describe().forEach(line -> out.println(INDENT + line));
            allMatch &= check.matches();
        }
        reportPlans(connection);
        reportCapture(connection);
        out.flush();
        return allMatch;
    }

    /** Which sources the engine moved to the WAL, and why any other stays on capture triggers. */
    private void reportCapture(Connection connection) throws SQLException {
        List<String> wal = new ArrayList<>();
        List<String> triggers = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT source, capture_mode, trigger_reason FROM pgstream.change_buffers"
                     + " ORDER BY source COLLATE \"C\"")) {
            while (rs.next()) {
                if ("wal".equals(rs.getString("capture_mode"))) {
                    wal.add(rs.getString("source"));
                } else {
                    triggers.add("%s (%s: %s)".formatted(rs.getString("source"), rs.getString("capture_mode"),
                            rs.getString("trigger_reason")));
                }
            }
        }
        step("changes decoded from the WAL, each source moved from capture triggers by itself: "
                + (wal.isEmpty() ? "none" : String.join(", ", wal)));
        if (!triggers.isEmpty()) {
            step("on capture triggers: " + String.join("; ", triggers));
        }
    }

    /** Which stream tables the engine maintains differentially, and why any other is refreshed in full. */
    private void reportPlans(Connection connection) throws SQLException {
        List<String> notDifferential = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT name, plan, plan_reason FROM pgstream.stream_tables ORDER BY name")) {
            while (rs.next()) {
                if (!"differential".equals(rs.getString("plan"))) {
                    notDifferential.add("%s (%s%s)".formatted(rs.getString("name"), rs.getString("plan"),
                            rs.getString("plan_reason") == null ? "" : ": " + rs.getString("plan_reason")));
                }
            }
        }
        step(notDifferential.isEmpty()
                ? "every stream table is refreshed differentially (pgstream.explain_stream_table shows how)"
                : "refreshed in full: " + String.join(", ", notDifferential));
    }

    private void keepRunning(EmbeddedPostgres server, ShutdownSignal signal) {
        step("PostgreSQL and the engine keep running until Ctrl-C. Connect with");
        out.println(INDENT + "psql " + server.psqlHint(DATABASE));
        out.println(INDENT + "JDBC " + server.jdbcUrl(DATABASE));
        out.println("  and try");
        out.println(INDENT + "SELECT region, orders, revenue, round(avg_order, 2) AS avg_order FROM revenue_by_region ORDER BY revenue DESC;");
        out.println(INDENT + "UPDATE customers SET region = 'Oceania' WHERE id <= 100;  "
                + "-- revenue_by_region follows within a second");
        out.println(INDENT + "SELECT name, last_refresh_action, staleness FROM pgstream.stream_tables;");
        out.flush();
        signal.await();
        step("stopping the engine and PostgreSQL");
    }

    private int interrupted() {
        step("interrupted: stopping the writers, the engine and PostgreSQL");
        return INTERRUPTED;
    }

    private void step(String line) {
        out.println("▸ " + line);
        out.flush();
    }
}
