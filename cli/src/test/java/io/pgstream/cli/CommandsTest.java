package io.pgstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** install, create, refresh, drop and status through the command line entry point, on fresh databases. */
class CommandsTest {

    private static final String TOTALS =
            "SELECT customer_id, count(*) AS orders, sum(amount) AS revenue FROM orders GROUP BY customer_id";

    private static TestDatabase shop() throws SQLException {
        TestDatabase db = TestPostgres.database();
        db.execute("CREATE TABLE orders (id int PRIMARY KEY, customer_id int, amount numeric(10,2))",
                "INSERT INTO orders SELECT g, g % 10, g * 1.5 FROM generate_series(1, 100) g");
        return db;
    }

    private static void assertExit(int expected, Cli result) {
        assertEquals(expected, result.exitCode(), result::toString);
    }

    @Test
    void installsAsAnExtensionThenSaysItIsInstalled() throws SQLException {
        TestDatabase db = TestPostgres.emptyDatabase();
        Cli first = Cli.run("install", "--db", db.url(), "--method", "extension");
        assertExit(0, first);
        assertEquals("installed pg_stream 0.2.0 (CREATE EXTENSION) in database " + db.name() + "\n", first.out());
        assertEquals("0.2.0", db.queryString("SELECT extversion FROM pg_extension WHERE extname = 'pg_stream'"));

        Cli again = Cli.run("install", "--db", db.url());
        assertExit(0, again);
        assertTrue(again.out().startsWith("pg_stream 0.2.0 is already installed"), again::toString);
    }

    @Test
    void installsAsASchemaWhereExtensionsAreOutOfReach() throws SQLException {
        TestDatabase db = TestPostgres.emptyDatabase();
        Cli result = Cli.run("install", "--db", db.url(), "--method", "SCHEMA");
        assertExit(0, result);
        assertEquals("installed pg_stream 0.2.0 (schema install) in database " + db.name() + "\n", result.out());
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_extension WHERE extname = 'pg_stream'"));
        assertExit(0, Cli.run("status", "--db", db.url()));
    }

    @Test
    void createCompilesAtOnceAndDifferentialModeRefusesWhatItCannotDifferentiate() throws SQLException {
        TestDatabase db = shop();
        Cli auto = Cli.run("create", "--db", db.url(), "totals", TOTALS);
        assertExit(0, auto);
        assertTrue(auto.out().endsWith("refreshes differentially\n"), auto.out());

        Cli refused = Cli.run("create", "--db", db.url(), "distinct_totals",
                "SELECT DISTINCT ON (customer_id) customer_id, amount FROM orders",
                "--mode", "differential");
        assertExit(2, refused);
        assertTrue(refused.err().contains("cannot be refreshed differentially: DISTINCT ON"), refused.err());
        assertEquals(null, db.queryString("SELECT to_regclass('distinct_totals')"));
    }

    @Test
    void createsRefreshesShowsAndDropsAStreamTable() throws SQLException {
        TestDatabase db = shop();
        // a libpq URI works as well as a JDBC URL
        String uri = TestPostgres.server().psqlHint(db.name());

        Cli created = Cli.run("create", "--db", uri, "totals", TOTALS, "--schedule", "5m", "--mode", "full");
        assertExit(0, created);
        assertEquals("created stream table totals: 10 rows, schedule 5m, refresh mode full; refreshes in full\n", created.out());
        try (Connection connection = db.connect()) {
            Oracle.assertMatches(connection, "totals", TOTALS);
        }

        db.execute("DELETE FROM orders WHERE customer_id = 3");
        Cli refreshed = Cli.run("refresh", "--db", db.url(), "totals");
        assertExit(0, refreshed);
        assertTrue(refreshed.out().startsWith("public.totals: FULL (+0 -1 rows, 0 updated) in "), refreshed::toString);

        Cli skipped = Cli.run("refresh", "--db", db.url(), "totals");
        assertTrue(skipped.out().startsWith("public.totals: SKIP (+0 -0 rows, 0 updated)"), skipped::toString);

        Cli status = Cli.run("status", "--db", db.url());
        assertExit(0, status);
        List<String> lines = status.out().lines().toList();
        assertEquals(List.of("NAME", "STATUS", "SCHEDULE", "EVERY", "MODE", "LAST", "REFRESH", "TOOK", "STALENESS",
                "ROWS", "PENDING", "ERRORS", "NOTE"), List.of(lines.get(0).split(" +")));
        assertTrue(lines.get(1).matches(
                "public[.]totals +active +5m +[^ ]+ +full [(]full[)] +SKIP [0-9.]+s ago +[0-9]+ ms +[0-9.]+s +[^ ]+ +0 +0"),
                lines.get(1));
        // columns line up: each header starts where its values start
        assertEquals(lines.get(0).indexOf("SCHEDULE"), lines.get(1).indexOf("5m"));
        assertEquals(List.of("", "DEPENDENCIES (what applications read at the top, what each stream table reads below it)",
                "public.totals [active, 5m]", "└── public.orders (table)", ""), lines.subList(2, 7));
        assertTrue(lines.get(9).matches("public[.]orders +trigger .* moves to the WAL once an engine runs"), lines.get(9));

        Cli dropped = Cli.run("drop", "--db", db.url(), "totals");
        assertExit(0, dropped);
        assertEquals("dropped stream table totals\n", dropped.out());
        assertEquals("no stream tables in database " + db.name() + " (pg-stream create makes one)\n",
                Cli.run("status", "--db", db.url()).out());
    }

    @Test
    void statusShowsErrorsOfStreamTables() throws SQLException {
        TestDatabase db = shop();
        assertExit(0, Cli.run("create", "--db", db.url(), "totals", TOTALS, "--schedule", "1m"));
        db.execute("UPDATE pgstream.stream_table SET status = 'error', consecutive_errors = 1, last_error = "
                + "'something went wrong, and the message goes on and on until it cannot fit any more into the table'");
        String row = Cli.run("status", "--db", db.url()).out().lines().toList().get(1);
        assertTrue(row.matches("public[.]totals +error +1m .* +1 +something went wrong, and the message goes on and on unti[.]{3}"),
                row);
    }

    @Test
    void statusStillListsAStreamTableWhoseTableVanished() throws SQLException {
        TestDatabase db = shop();
        assertExit(0, Cli.run("create", "--db", db.url(), "totals", TOTALS));
        // replica mode silences event triggers, so pg_stream does not notice the drop
        try (Connection connection = db.connect(); var statement = connection.createStatement()) {
            statement.execute("SET session_replication_role = replica");
            statement.execute("DROP TABLE totals");
        }
        Cli status = Cli.run("status", "--db", db.url());
        assertExit(0, status);
        assertTrue(status.out().lines().toList().get(1).matches("[0-9]+ +active +calculated .* +- +0 +0"), status::toString);
    }

    @Test
    void aSyntaxErrorInTheQueryIsShownWhereItIs() throws SQLException {
        TestDatabase db = shop();
        String query = "SELECT customer_id, sum(amount)\nFROM orders GROUP BY customer_id HAVING sum(amount) >> > 0";
        Cli result = Cli.run("create", "--db", db.url(), "bad", query);
        assertExit(1, result);
        List<String> lines = result.err().lines().toList();
        assertEquals("ERROR: syntax error at or near \">\"", lines.get(0), result::toString);
        assertEquals("LINE 2: FROM orders GROUP BY customer_id HAVING sum(amount) >> > 0", lines.get(1));
        assertEquals(lines.get(1).lastIndexOf('>'), lines.get(2).indexOf('^'), result::toString);
        assertEquals("", result.out());
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.stream_table"));
    }

    @Test
    void aRejectedQueryShowsTheHint() throws SQLException {
        TestDatabase db = shop();
        Cli result = Cli.run("create", "--db", db.url(), "noisy", "SELECT id, random() AS r FROM orders");
        assertExit(1, result);
        assertTrue(result.err().startsWith("ERROR: the query calls the volatile function random()\nHINT: "),
                result::toString);
    }

    @Test
    void refreshingAnUnknownTableFailsWithTheHint() throws SQLException {
        TestDatabase db = shop();
        Cli result = Cli.run("refresh", "--db", db.url(), "nope");
        assertExit(1, result);
        assertEquals("""
                ERROR: stream table "nope" does not exist
                HINT: SELECT name FROM pgstream.stream_tables lists the stream tables.
                """, result.err());
    }

    @Test
    void aDatabaseWithoutPgStreamIsBadInput() {
        TestDatabase db = TestPostgres.emptyDatabase();
        for (String[] args : List.of(
                new String[] {"status", "--db", db.url()},
                new String[] {"create", "--db", db.url(), "t", "SELECT 1 AS one"},
                new String[] {"run", "--db", db.url()})) {
            Cli result = Cli.run(args);
            assertExit(2, result);
            assertEquals("error: database \"" + db.name() + "\" has no pg_stream extension: install it with "
                    + "`pg-stream install --db URL` (or CREATE EXTENSION pg_stream)\n", result.err());
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertExit(2, Cli.run());
        assertExit(2, Cli.run("frobnicate"));
        assertExit(2, Cli.run("status"));
        assertExit(2, Cli.run("run", "--db", "jdbc:postgresql://localhost/x", "--poll-interval", "soon"));
        assertExit(2, Cli.run("install", "--db", "jdbc:postgresql://localhost/x", "--method", "magic"));

        Cli badUrl = Cli.run("status", "--db", "mysql://localhost/shop");
        assertExit(2, badUrl);
        assertTrue(badUrl.err().startsWith("error: not a PostgreSQL connection URL: mysql://localhost/shop"),
                badUrl::toString);
    }

    @Test
    void aDatabaseThatCannotBeReachedIsAFailure() {
        Cli result = Cli.run("status", "--db", "jdbc:postgresql://localhost:1/nowhere?connectTimeout=2");
        assertExit(1, result);
        assertTrue(result.err().startsWith("ERROR: Connection to localhost:1 refused"), result::toString);
    }

    @Test
    void theLogLevelCanBeGivenBeforeOrAfterTheCommand() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        try {
            assertExit(0, Cli.run("--log-level", "warn", "--version"));
            assertEquals(Level.WARN, root.getLevel());
            assertExit(2, Cli.run("status", "--db", "mysql://localhost/shop", "--log-level", "error"));
            assertEquals(Level.ERROR, root.getLevel());
            assertExit(2, Cli.run("--log-level", "loud", "--version"));

            Main main = new Main(); // the demo asks its parent whether to leave the level alone
            new CommandLine(main).parseArgs("demo", "--log-level", "INFO");
            assertTrue(main.logLevelChosen());
        } finally {
            root.setLevel(Level.INFO);
        }
    }

    @Test
    void printsVersionAndHelp() {
        Cli version = Cli.run("--version");
        assertExit(0, version);
        assertEquals("pg-stream 0.2.0\n", version.out());

        Cli help = Cli.run("--help");
        assertExit(0, help);
        for (String command : List.of("run", "install", "create", "refresh", "drop", "status", "demo")) {
            assertTrue(help.out().contains("\n  " + command + " "), () -> command + " missing from\n" + help.out());
        }
    }
}
