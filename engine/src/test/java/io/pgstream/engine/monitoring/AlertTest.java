package io.pgstream.engine.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineConfig;
import io.pgstream.engine.monitoring.AlertListener.Alert;
import io.pgstream.core.sql.Sql;
import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts on channel pgstream_alert, received by a JDBC session that LISTENs: every event kind with the fields
 * docs/monitoring.md documents, the rate limit, and the payload size limit.
 */
class AlertTest {

    /** A stream table that fails to refresh while some row has d = 0, and two stream tables downstream of it. */
    private static final String RATIO = "\"Sales Dept\".\"Qty \"\"Ratio\"\"\"";
    private static final String TOP = "public.top";
    private static final String TOP_TOP = "public.\"Top Top\"";
    private static final String LINES = "\"Sales Dept\".\"Order \"\"Lines\"\"\"";

    /** The fields of each event beyond event, stream_table, at and suppressed (as docs/monitoring.md lists them). */
    private static final Map<String, Set<String>> DOCUMENTED_DETAILS = Map.of(
            "refresh_failed", Set.of("error", "consecutive_errors"),
            "auto_suspended", Set.of("reason", "error", "consecutive_errors"),
            "upstream_suspended", Set.of("upstream", "upstream_reason"),
            "resumed", Set.of("previous_reason"),
            "stale", Set.of("staleness_seconds", "effective_interval_seconds", "stale_alert_factor", "data_timestamp"),
            "reinitialize_needed", Set.of("error"),
            "capture_transition", Set.of("source", "from", "to"),
            "capture_fallback", Set.of("source", "from", "reason", "full_refresh"),
            "slot_lag", Set.of("source", "slot", "lag_bytes"));

    private TestDatabase db;

    @BeforeEach
    void graph() throws SQLException {
        db = TestPostgres.database();
        db.execute("CREATE SCHEMA \"Sales Dept\"",
                "CREATE TABLE " + LINES + " (id int PRIMARY KEY, k int, d int)",
                "INSERT INTO " + LINES + " SELECT g, g % 3, 1 + g % 2 FROM generate_series(1, 30) g");
        create(RATIO, "SELECT k, sum(100 / d) AS r FROM " + LINES + " GROUP BY k", "1m");
        create(TOP, "SELECT max(r) AS m FROM " + RATIO, "calculated");
        create(TOP_TOP, "SELECT m FROM top", "calculated");
    }

    @Test
    void failuresAlertUntilTheStreamTableIsSuspendedAndItsDependentsAreTold() throws SQLException {
        try (AlertListener listener = new AlertListener(db)) {
            db.execute("UPDATE " + LINES + " SET d = 0 WHERE id = 1");
            assertEquals("ERROR", scheduledRefresh(RATIO));

            Alert failed = listener.await("refresh_failed", RATIO);
            assertDocumentedFields(failed);
            assertEquals("division by zero", failed.get("error"));
            assertEquals("1", failed.get("consecutive_errors"));
            assertEquals("number", failed.types().get("consecutive_errors"));
            assertEquals("0", failed.get("suppressed"));
            OffsetDateTime at = OffsetDateTime.parse(failed.get("at"));
            assertTrue(Math.abs(ChronoUnit.SECONDS.between(at, OffsetDateTime.now())) < 60, failed.payload());

            assertEquals("ERROR", scheduledRefresh(RATIO));
            assertEquals("ERROR", scheduledRefresh(RATIO));
            Alert suspended = listener.await("auto_suspended", RATIO);
            assertDocumentedFields(suspended);
            assertEquals("suspended after 3 consecutive failures", suspended.get("reason"));
            assertEquals("3", suspended.get("consecutive_errors"));
            assertEquals("division by zero", suspended.get("error"));
            for (String dependent : List.of(TOP, TOP_TOP)) {
                Alert upstream = listener.await("upstream_suspended", dependent);
                assertDocumentedFields(upstream);
                assertEquals(RATIO, upstream.get("upstream"));
                assertEquals("suspended after 3 consecutive failures", upstream.get("upstream_reason"));
            }
            // the second and third failures fell within alert_interval of the first
            listener.assertNothingMore();
        }
        assertEquals("suspended|suspended after 3 consecutive failures|division by zero", db.queryString(
                "SELECT concat_ws('|', status, suspended_reason, last_error) FROM pgstream.stream_tables_info"
                        + " WHERE name = " + Sql.literal(RATIO)));
    }

    @Test
    void suspendingByHandTellsTheDependentsAndResumingIsAnnounced() throws SQLException {
        try (AlertListener listener = new AlertListener(db)) {
            setStatus(TOP, "suspended");
            Alert upstream = listener.await("upstream_suspended", TOP_TOP);
            assertEquals(TOP, upstream.get("upstream"));
            assertEquals("suspended by user", upstream.get("upstream_reason"));
            listener.assertNothingMore(); // nothing to the table itself, nor to what it reads

            setStatus(TOP, "active");
            Alert resumed = listener.await("resumed", TOP);
            assertDocumentedFields(resumed);
            assertEquals("suspended by user", resumed.get("previous_reason"));
            setStatus(TOP, "active"); // already active: nothing to announce
            listener.assertNothingMore();
        }
    }

    @Test
    void staleWhenTheDataIsOlderThanTheFactorTimesTheEffectiveInterval() throws SQLException {
        db.execute("UPDATE pgstream.stream_table SET effective_interval = interval '1 minute'",
                // 10 minutes behind: stale; TOP 1 minute behind: within 2 x 1 minute
                "UPDATE pgstream.stream_table SET data_timestamp = now() - interval '10 minutes' WHERE id = " + id(RATIO),
                "UPDATE pgstream.stream_table SET data_timestamp = now() - interval '1 minute' WHERE id = " + id(TOP),
                // suspended tables are left out: their suspension was alerted, or chosen
                "UPDATE pgstream.stream_table SET data_timestamp = now() - interval '1 day' WHERE id = " + id(TOP_TOP),
                "SELECT pgstream.alter_stream_table(" + Sql.literal(TOP_TOP) + ", status => 'suspended')");
        try (AlertListener listener = new AlertListener(db)) {
            assertEquals(1, db.queryLong("SELECT pgstream.check_staleness()"));
            Alert stale = listener.await("stale", RATIO);
            assertDocumentedFields(stale);
            double staleness = Double.parseDouble(stale.get("staleness_seconds"));
            assertTrue(staleness >= 600 && staleness < 700, stale.payload());
            assertEquals("60", stale.get("effective_interval_seconds"));
            assertEquals("2", stale.get("stale_alert_factor"));
            OffsetDateTime.parse(stale.get("data_timestamp"));
            listener.assertNothingMore();

            // rate-limited: checked again at once, nothing is sent
            assertEquals(0, db.queryLong("SELECT pgstream.check_staleness()"));
            listener.assertNothingMore();
        }
    }

    @Test
    void sourceDdlThatBreaksAStreamTableAsksForReinitialization() throws SQLException {
        try (AlertListener listener = new AlertListener(db)) {
            db.execute("ALTER TABLE " + LINES + " DROP COLUMN d");
            Alert alert = listener.await("reinitialize_needed", RATIO);
            assertDocumentedFields(alert);
            assertEquals("column d of source table " + LINES + " was dropped", alert.get("error"));
        }
    }

    @Test
    void anAlertWithinTheIntervalIsHeldBackAndCountedInTheNextOne() throws SQLException {
        db.execute("UPDATE pgstream.settings SET value = '0' WHERE name = 'max_consecutive_errors'",
                "UPDATE " + LINES + " SET d = 0 WHERE id = 1");
        try (AlertListener listener = new AlertListener(db)) {
            scheduledRefresh(RATIO);
            assertEquals("0", listener.await("refresh_failed", RATIO).get("suppressed"));
            scheduledRefresh(RATIO);
            scheduledRefresh(RATIO);
            listener.assertNothingMore();
            // per stream table and event: another event of the same table still goes out
            setStatus(RATIO, "suspended");
            listener.await("upstream_suspended", TOP);

            // the interval passes
            db.execute("UPDATE pgstream.alert_state SET last_sent_at = last_sent_at - interval '1 hour'");
            setStatus(RATIO, "active");
            listener.await("resumed", RATIO);
            scheduledRefresh(RATIO);
            Alert next = listener.await("refresh_failed", RATIO);
            assertEquals("2", next.get("suppressed"));
            assertEquals("1", next.get("consecutive_errors"), "resuming reset the count");
        }
        assertEquals("error", db.queryString("SELECT status FROM pgstream.stream_tables_info WHERE id = " + id(RATIO)),
                "failing, but max_consecutive_errors 0 never suspends");
    }

    @Test
    void aLongErrorIsCutSoThatThePayloadFitsInANotify() throws SQLException {
        // 15,000 characters, each escaped in JSON: a quote, a control character, and two bytes of UTF-8
        db.execute("""
                CREATE FUNCTION noisy(v int) RETURNS int IMMUTABLE LANGUAGE plpgsql AS $$
                BEGIN
                    IF v = 0 THEN RAISE EXCEPTION '%', repeat(E'"\\u0001é', 5000); END IF;
                    RETURN v;
                END $$""",
                "SELECT pgstream.create_stream_table('noisy_lines', " + Sql.literal("SELECT noisy(d) AS n FROM " + LINES)
                        + ", '1m')",
                "UPDATE " + LINES + " SET d = 0 WHERE id = 1");
        try (AlertListener listener = new AlertListener(db)) {
            assertEquals("ERROR", scheduledRefresh("noisy_lines"));
            Alert failed = listener.await("refresh_failed", "public.noisy_lines");
            assertTrue(failed.payload().getBytes(StandardCharsets.UTF_8).length < 8000, failed.payload());
            String error = failed.get("error");
            assertEquals(1000, error.length());
            assertTrue(error.startsWith("\"\u0001é\"") && error.endsWith("…"), error);
        }
    }

    @Test
    void aRolledBackCauseSendsNothing() throws SQLException {
        try (AlertListener listener = new AlertListener(db); Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement statement = c.createStatement()) {
                statement.execute("SELECT pgstream.alter_stream_table('top', status => 'suspended')");
            }
            c.rollback();
            listener.assertNothingMore();
            setStatus(TOP, "suspended");
            listener.await("upstream_suspended", TOP_TOP); // and the rollback left no rate-limit state behind
        }
    }

    @Test
    void theEngineChecksStalenessOnItsOwn() throws Exception {
        // a tiny factor: stale a few milliseconds after each refresh, whatever the effective interval is
        db.execute("UPDATE pgstream.settings SET value = '0.0001' WHERE name = 'stale_alert_factor'",
                "UPDATE pgstream.stream_table SET effective_interval = coalesce(effective_interval, interval '1 minute')");
        try (AlertListener listener = new AlertListener(db);
             Engine engine = Engine.start(new EngineConfig(List.of(db.url()), 1, Duration.ofMillis(500)))) {
            listener.await("stale", RATIO);
        }
    }

    @Test
    void captureMovesAndTheSlotsLagAreAnnouncedToTheReadersOfTheSource() throws Exception {
        db.execute("UPDATE pgstream.settings SET value = '1' WHERE name = 'slot_lag_alert_bytes'",
                "UPDATE pgstream.settings SET value = '0 seconds' WHERE name = 'alert_interval'");
        try (AlertListener listener = new AlertListener(db);
             Engine engine = Engine.start(new EngineConfig(List.of(db.url()), 1, Duration.ofMillis(200)))) {
            Alert moved = listener.await("capture_transition", RATIO);
            assertDocumentedFields(moved);
            assertEquals(LINES, moved.get("source"));
            assertEquals("trigger|wal", moved.get("from") + "|" + moved.get("to"));

            db.execute("INSERT INTO " + LINES + " VALUES (100, 1, 1)");
            Alert lag = listener.await("slot_lag", RATIO);
            assertDocumentedFields(lag);
            assertEquals("number", lag.types().get("lag_bytes"));
            assertTrue(lag.get("slot").startsWith("pgstream_"), lag.payload());

            db.execute("SELECT pgstream.set_capture(" + Sql.literal(LINES) + ", 'trigger')");
            Alert fellBack = listener.await("capture_fallback", RATIO);
            assertDocumentedFields(fellBack);
            assertEquals("wal|pinned to triggers|false",
                    fellBack.get("from") + "|" + fellBack.get("reason") + "|" + fellBack.get("full_refresh"));
            assertEquals("boolean", fellBack.types().get("full_refresh"));
            // the cutover back ends once the reader's frontier has passed it
            db.execute("SELECT pgstream.refresh_stream_table(" + Sql.literal(RATIO) + ")");
            Alert back = listener.await("capture_transition", RATIO);
            assertEquals("wal|trigger", back.get("from") + "|" + back.get("to"));
        }
    }

    private static void assertDocumentedFields(Alert alert) {
        Set<String> expected = new TreeSet<>(Set.of("event", "stream_table", "at", "suppressed"));
        expected.addAll(DOCUMENTED_DETAILS.get(alert.event()));
        assertEquals(expected, new TreeSet<>(alert.fields().keySet()), alert.payload());
        assertEquals("string", alert.types().get("at"));
        assertEquals("number", alert.types().get("suppressed"));
    }

    private void create(String name, String query, String schedule) throws SQLException {
        try (Connection c = db.connect()) {
            StreamTables.create(c, name, query, schedule, "auto");
        }
    }

    private long id(String name) throws SQLException {
        return db.queryLong("SELECT (pgstream._find(" + Sql.literal(name) + ")).id");
    }

    /** A refresh as the engine runs it: a failure is recorded and alerted, not raised. */
    private String scheduledRefresh(String name) throws SQLException {
        return db.queryString("SELECT action FROM pgstream._refresh(" + id(name) + ", 'scheduled', false)");
    }

    private void setStatus(String name, String status) throws SQLException {
        db.execute("SELECT pgstream.alter_stream_table(" + Sql.literal(name) + ", status => " + Sql.literal(status) + ")");
    }
}
