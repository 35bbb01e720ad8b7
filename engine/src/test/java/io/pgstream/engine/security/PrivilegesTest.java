package io.pgstream.engine.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineConfig;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.Sessions;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Who may do what with stream tables, and with whose rights a refresh runs. Alice and Bob are members of
 * pgstream_user; the test's own connection is the superuser, and so is the engine here.
 */
@Tag("smoke")
class PrivilegesTest {

    private TestDatabase db;
    private String alice;
    private String bob;

    @BeforeEach
    void roles() throws SQLException {
        db = TestPostgres.database();
        alice = db.role("alice");
        bob = db.role("bob");
        for (String role : List.of(alice, bob)) {
            db.execute("CREATE ROLE " + role + " LOGIN IN ROLE pgstream_user", "CREATE SCHEMA " + role + " AUTHORIZATION " + role);
        }
        db.as(alice).execute("CREATE TABLE " + alice + ".items (k int, v int)",
                "INSERT INTO " + alice + ".items SELECT i % 5, i FROM generate_series(1, 50) i");
    }

    private String items() {
        return alice + ".items";
    }

    private String sums() {
        return alice + ".sums";
    }

    private void createSums() throws SQLException {
        db.as(alice).execute("SELECT pgstream.create_stream_table('" + sums() + "', 'SELECT k, sum(v) AS s FROM "
                + items() + " GROUP BY k', '1h')");
    }

    @Test
    void twoSessionsOfARoleCreateItsFirstStreamTablesAtOnce() throws Exception {
        // dbt's threads do this: each session would create the role's runner, and the second would fail on it
        try (Connection first = db.as(alice).connect(); Connection second = db.as(alice).connect()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            first.createStatement().execute("SELECT pgstream.create_stream_table('" + sums() + "', 'SELECT k, sum(v) AS s FROM "
                    + items() + " GROUP BY k', '1h')");
            CompletableFuture<Void> other = Sessions.executeAndCommitAsync(second, "SELECT pgstream.create_stream_table('"
                    + alice + ".counts', 'SELECT k, count(*) AS n FROM " + items() + " GROUP BY k', '1h')");
            Thread.sleep(300);
            assertTrue(!other.isDone(), "the second session waits for the first's runner");
            first.commit();
            other.get(20, TimeUnit.SECONDS);
        }
        assertEquals(2, db.queryLong("SELECT count(*) FROM pgstream.stream_tables"));
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, alice + ".counts", "SELECT k, count(*) AS n FROM " + items() + " GROUP BY k");
        }
    }

    @Test
    void theCreatorOwnsItsStreamTableAndOthersMayNotTouchIt() throws SQLException {
        createSums();
        assertEquals(alice, db.queryString("SELECT relowner::regrole::text FROM pg_class WHERE oid = '" + sums() + "'::regclass"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = '"
                + sums() + "'::regclass AND a.grantee <> c.relowner"), "no grants beyond the owner's");

        TestDatabase asBob = db.as(bob);
        for (String call : List.of("pgstream.refresh_stream_table('" + sums() + "')",
                "pgstream.alter_stream_table('" + sums() + "', schedule => '1m')",
                "pgstream.drop_stream_table('" + sums() + "')",
                "pgstream.explain_stream_table('" + sums() + "')")) {
            SQLException e = assertThrows(SQLException.class, () -> asBob.execute("SELECT * FROM " + call));
            assertEquals("42501", e.getSQLState(), call + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("permission denied to "), e.getMessage());
        }
        for (String write : List.of("UPDATE pgstream.stream_table SET schedule = '1s'", "DELETE FROM pgstream.refresh_history",
                "INSERT INTO pgstream.source VALUES (1, 1, 'x', '{}')", "SELECT * FROM pgstream.stream_table",
                "SELECT * FROM " + sums())) {
            SQLException e = assertThrows(SQLException.class, () -> asBob.execute(write));
            assertEquals("42501", e.getSQLState(), write + ": " + e.getMessage());
        }
        // Bob sees that the stream table exists (pg_class says as much), not its query
        assertEquals("1", asBob.queryString("SELECT count(*) FROM pgstream.stream_tables WHERE query IS NULL"));
        assertEquals("1", db.as(alice).queryString("SELECT count(*) FROM pgstream.stream_tables WHERE query LIKE 'SELECT k%'"));
        assertEquals(0, asBob.queryLong("SELECT count(*) FROM pgstream.change_buffers"), "Bob cannot read the source");
        assertEquals(1, db.as(alice).queryLong("SELECT count(*) FROM pgstream.change_buffers"));

        db.as(alice).execute("INSERT INTO " + items() + " VALUES (1, 1000)");
        assertEquals("FULL", db.as(alice).queryString("SELECT action FROM pgstream.refresh_stream_table('" + sums() + "')"));
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, sums(), "SELECT k, sum(v) AS s FROM " + items() + " GROUP BY k");
        }
        db.as(alice).execute("SELECT pgstream.drop_stream_table('" + sums() + "')");
        assertNull(db.queryString("SELECT to_regclass('" + sums() + "')"));
    }

    @Test
    void aRoleOutsidePgstreamUserIsRefused() throws SQLException {
        String carol = db.role("carol");
        db.execute("CREATE ROLE " + carol + " LOGIN", "GRANT SELECT ON " + items() + " TO " + carol,
                "GRANT USAGE ON SCHEMA " + alice + " TO " + carol, "GRANT CREATE ON SCHEMA public TO " + carol);
        SQLException e = assertThrows(SQLException.class, () -> db.as(carol).execute(
                "SELECT pgstream.create_stream_table('mine', 'SELECT k FROM " + items() + "')"));
        assertEquals("42501", e.getSQLState());
        assertTrue(e.getMessage().contains("role " + carol + " is not a member of pgstream_user"), e.getMessage());
        assertNull(db.queryString("SELECT to_regclass('public.mine')"));
    }

    /**
     * The owner's IMMUTABLE-declared function tries to make its owner a superuser whenever it runs; it must
     * run with the owner's rights on every path: creation, the engine's refresh, a superuser's manual
     * refresh, and a round that refreshes it because a superuser's stream table reads it.
     */
    @Test
    void theOwnersCodeNeverRunsWithMoreRightsThanTheOwners() throws Exception {
        db.as(alice).execute("""
                CREATE FUNCTION %1$s.escalate() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    EXECUTE format('ALTER ROLE %%I SUPERUSER', '%1$s');
                EXCEPTION WHEN insufficient_privilege THEN
                    NULL;  -- as it should be
                END $$""".formatted(alice), """
                CREATE FUNCTION %1$s.plus_one(x int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$
                BEGIN
                    PERFORM %1$s.escalate();
                    RETURN x + 1;
                END $$""".formatted(alice),
                "SELECT pgstream.create_stream_table('" + sums() + "', 'SELECT k, sum(" + alice + ".plus_one(v)) AS s FROM "
                        + items() + " GROUP BY k', '1s')");
        String query = "SELECT k, sum(v + 1) AS s FROM " + items() + " GROUP BY k";
        db.execute("SELECT pgstream.create_stream_table('public.rollup', 'SELECT count(*) AS groups FROM " + sums() + "', '1h')");
        try (Connection c = db.connect(); Engine engine = Engine.start(new EngineConfig(List.of(db.url()), 1, Duration.ofMillis(100)))) {
            Await.until(Duration.ofSeconds(20), "the engine compiled both", () -> db.queryLong(
                    "SELECT count(*) FROM pgstream.stream_table WHERE plan_status = 'differential'") == 2);
            db.as(alice).execute("INSERT INTO " + items() + " VALUES (7, 7)");
            Await.until(Duration.ofSeconds(20), "the engine refreshed the new group", () -> Oracle.matches(c, sums(), query)
                    && db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE initiated_by = 'scheduled'"
                            + " AND action = 'DIFFERENTIAL'") > 0);
            db.as(alice).execute("INSERT INTO " + items() + " VALUES (8, 8)");
            db.execute("SELECT pgstream.refresh_stream_table('" + sums() + "')");
            db.as(alice).execute("INSERT INTO " + items() + " VALUES (9, 9)");
            db.execute("SELECT pgstream.refresh_stream_table('public.rollup')");  // a round: sums first
            Oracle.assertMatches(c, sums(), query);
            Oracle.assertMatches(c, "public.rollup", "SELECT count(*) AS groups FROM (" + query + ") q");
        }
        assertEquals("f", db.queryString("SELECT rolsuper FROM pg_roles WHERE rolname = '" + alice + "'"),
                "the owner's function never ran as a superuser");
    }

    @Test
    void aRevokedSourceStopsTheRefreshAndSuspendsIt() throws Exception {
        db.as(alice).execute("GRANT USAGE ON SCHEMA " + alice + " TO " + bob, "GRANT SELECT ON " + items() + " TO " + bob);
        String mine = bob + ".big";
        db.as(bob).execute("SELECT pgstream.create_stream_table('" + mine + "', 'SELECT k, v FROM " + items() + " WHERE v > 10', '1s')");
        db.execute("UPDATE pgstream.settings SET value = '2' WHERE name = 'max_consecutive_errors'");
        db.as(alice).execute("REVOKE SELECT ON " + items() + " FROM " + bob, "INSERT INTO " + items() + " VALUES (1, 99)");

        SQLException e = assertThrows(SQLException.class, () -> db.execute("SELECT pgstream.refresh_stream_table('" + mine + "')"));
        assertEquals("42501", e.getSQLState());
        assertTrue(e.getMessage().contains("permission denied for table " + items() + ": role " + bob + " cannot read it"),
                e.getMessage());
        try (Engine engine = Engine.start(new EngineConfig(List.of(db.url()), 1, Duration.ofMillis(100)))) {
            Await.until(Duration.ofSeconds(20), "the engine suspended it", () -> "suspended".equals(
                    db.queryString("SELECT status FROM pgstream.stream_table WHERE relid = '" + mine + "'::regclass")));
        }
        assertTrue(db.queryString("SELECT last_error FROM pgstream.stream_table WHERE relid = '" + mine + "'::regclass")
                .contains("cannot read it"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM " + mine + " WHERE v = 99"), "nothing was read on its behalf");
    }

    @Test
    void grantsOnAStreamTableSurviveItsRecreation() throws SQLException {
        createSums();
        db.as(alice).execute("GRANT USAGE ON SCHEMA " + alice + " TO " + bob, "GRANT SELECT ON " + sums() + " TO " + bob);
        db.as(alice).execute("SELECT pgstream.alter_stream_table('" + sums() + "', query => 'SELECT k, count(*) AS n FROM "
                + items() + " GROUP BY k')");
        assertEquals("n", db.queryString("SELECT attname FROM pg_attribute WHERE attrelid = '" + sums() + "'::regclass AND attnum = 2"),
                "recreated with the new columns");
        assertEquals(5, db.as(bob).queryLong("SELECT count(*) FROM " + sums()));
    }

    @Test
    void aSourceWithRowLevelSecurityIsRefusedUnlessTheOwnerSeesEveryRow() throws SQLException {
        db.as(alice).execute("ALTER TABLE " + items() + " ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY small ON " + items() + " USING (v < 10)",
                "GRANT USAGE ON SCHEMA " + alice + " TO " + bob, "GRANT SELECT ON " + items() + " TO " + bob);
        SQLException e = assertThrows(SQLException.class, () -> db.as(bob).execute(
                "SELECT pgstream.create_stream_table('" + bob + ".few', 'SELECT k, v FROM " + items() + "')"));
        assertEquals("0A000", e.getSQLState());
        assertTrue(e.getMessage().contains("has row-level security"), e.getMessage());
        // its owner is not subject to the policies (not FORCE ROW LEVEL SECURITY): the stream table holds every row
        createSums();
        assertEquals(50 * 51 / 2, db.queryLong("SELECT sum(s) FROM " + sums()));
    }

    @Test
    void aSourceInASchemaTheOwnerCannotUseIsRefused() throws SQLException {
        db.execute("CREATE SCHEMA hidden", "CREATE TABLE hidden.t (a int)", "GRANT SELECT ON hidden.t TO " + bob);
        SQLException e = assertThrows(SQLException.class, () -> db.as(bob).execute(
                "SELECT pgstream.create_stream_table('" + bob + ".mine', 'SELECT a FROM hidden.t')"));
        assertEquals("42501", e.getSQLState());
        assertTrue(e.getMessage().contains("permission denied for schema hidden"), e.getMessage());
    }

    @Test
    void aSuperusersStreamTableIsNotRunByAnEngineThatIsNot() throws SQLException {
        String engineRole = db.role("engine");
        db.execute("CREATE ROLE " + engineRole + " LOGIN IN ROLE pgstream_admin",
                "CREATE TABLE public.t (a int)", "SELECT pgstream.create_stream_table('public.copy', 'SELECT a FROM public.t')",
                "INSERT INTO public.t VALUES (1)");
        createSums();
        db.as(alice).execute("INSERT INTO " + items() + " VALUES (1, 1)");
        assertEquals("FULL", db.as(engineRole).queryString("SELECT action FROM pgstream.refresh_stream_table('" + sums() + "')"),
                "pgstream_admin refreshes a user's stream table");
        SQLException e = assertThrows(SQLException.class,
                () -> db.as(engineRole).execute("SELECT pgstream.refresh_stream_table('public.copy')"));
        assertEquals("42501", e.getSQLState());
        assertTrue(e.getMessage().contains("owned by the superuser postgres are refreshed and changed only by superusers"),
                e.getMessage());
    }

    @Test
    void invalidSettingsAreRefused() throws SQLException {
        for (String[] bad : List.of(new String[] {"history_retention", "soon"}, new String[] {"max_consecutive_errors", "-1"},
                new String[] {"differential_max_change_ratio", "a lot"}, new String[] {"wal_capture", "yes"},
                new String[] {"calculated_interval", "0s"})) {
            SQLException e = assertThrows(SQLException.class, () -> db.execute(
                    "UPDATE pgstream.settings SET value = '" + bad[1] + "' WHERE name = '" + bad[0] + "'"));
            assertEquals("22023", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("invalid value \"" + bad[1] + "\" for pg_stream setting " + bad[0]), e.getMessage());
        }
        SQLException unknown = assertThrows(SQLException.class,
                () -> db.execute("INSERT INTO pgstream.settings VALUES ('max_speed', '1', 'x')"));
        assertTrue(unknown.getMessage().contains("unknown pg_stream setting \"max_speed\""), unknown.getMessage());
        db.execute("UPDATE pgstream.settings SET value = '90 seconds' WHERE name = 'history_retention'");
    }

    @Test
    void namesLongerThanPostgresKeepsAreRefused() throws SQLException {
        String longName = "a".repeat(63) + "_one";
        SQLException e = assertThrows(SQLException.class, () -> db.as(alice).execute(
                "SELECT pgstream.create_stream_table('" + alice + "." + longName + "', 'SELECT k FROM " + items() + "')"));
        assertEquals("42622", e.getSQLState());
        assertTrue(e.getMessage().contains("is too long: PostgreSQL keeps 63 bytes of a name"), e.getMessage());
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.stream_table"));
    }

    @Test
    void aSourceReplacedByAViewOfTheSameNameIsReported() throws SQLException {
        createSums();
        db.as(alice).execute("CREATE TABLE " + alice + ".other (k int, v int)", "DROP TABLE " + items(),
                "CREATE VIEW " + items() + " AS SELECT k, v FROM " + alice + ".other");
        SQLException e = assertThrows(SQLException.class,
                () -> db.as(alice).execute("SELECT pgstream.refresh_stream_table('" + sums() + "')"));
        assertTrue(e.getMessage().contains("was dropped"), e.getMessage());
        assertEquals("error", db.queryString("SELECT status FROM pgstream.stream_table"));
    }
}
