package io.pgstream.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calculated schedules: a stream table refreshes as often as the tightest of the stream tables that read it,
 * recomputed with every create, alter, drop and status change. The pipeline is the README's example.
 */
class SchedulePropagationTest {

    private TestDatabase db;

    @BeforeEach
    void pipeline() throws SQLException {
        db = TestPostgres.database();
        db.execute("CREATE TABLE events (id bigserial PRIMARY KEY, customer int, at timestamptz, amount numeric)",
                "SELECT pgstream.create_stream_table('per_minute', 'SELECT customer, date_trunc(''minute'', at) AS minute,"
                        + " count(*) AS events, sum(amount) AS amount FROM events GROUP BY 1, 2')",
                "SELECT pgstream.create_stream_table('dashboard', 'SELECT customer, sum(events) AS events"
                        + " FROM per_minute GROUP BY customer', schedule => '5s')",
                "SELECT pgstream.create_stream_table('hourly_report', 'SELECT date_trunc(''hour'', minute) AS hour,"
                        + " sum(amount) AS amount FROM per_minute GROUP BY 1', schedule => '1h')");
    }

    @Test
    void theRollupRefreshesAsOftenAsItsTightestReader() throws SQLException {
        assertEffective("per_minute", "00:00:05", "from dependent public.dashboard");
        assertEffective("dashboard", "00:00:05", "declared");
        db.execute("SELECT pgstream.drop_stream_table('dashboard')");
        assertEffective("per_minute", "01:00:00", "from dependent public.hourly_report");
    }

    @Test
    void alteringAReadersScheduleMovesItsSources() throws SQLException {
        db.execute("SELECT pgstream.alter_stream_table('hourly_report', schedule => '2s')");
        assertEffective("per_minute", "00:00:02", "from dependent public.hourly_report");
        db.execute("SELECT pgstream.alter_stream_table('hourly_report', schedule => '*/10 * * * *')");
        assertEffective("hourly_report", "00:10:00", "declared cron: its shortest period");
        assertEffective("per_minute", "00:00:05", "from dependent public.dashboard");
    }

    @Test
    void suspendedReadersAskNothing() throws SQLException {
        db.execute("SELECT pgstream.alter_stream_table('dashboard', status => 'suspended')");
        assertEffective("per_minute", "01:00:00", "from dependent public.hourly_report");
        db.execute("SELECT pgstream.alter_stream_table('hourly_report', status => 'suspended')");
        assertEffective("per_minute", "00:01:00", "no dependents: setting calculated_interval");
        db.execute("SELECT pgstream.alter_stream_table('dashboard', status => 'active')");
        assertEffective("per_minute", "00:00:05", "from dependent public.dashboard");
    }

    @Test
    void calculatedChainsInheritFromTheirFarthestDeclaredReader() throws SQLException {
        db.execute("SELECT pgstream.create_stream_table('top_customers', 'SELECT customer FROM dashboard WHERE events > 10')",
                "SELECT pgstream.create_stream_table('top_count', 'SELECT count(*) AS n FROM top_customers',"
                        + " schedule => '@hourly')");
        assertEffective("top_customers", "01:00:00", "from dependent public.top_count");
        db.execute("SELECT pgstream.alter_stream_table('top_count', schedule => 'calculated')");
        assertEffective("top_count", "00:01:00", "no dependents: setting calculated_interval");
        assertEffective("top_customers", "00:01:00", "no dependents: setting calculated_interval");
        db.execute("SELECT pgstream.alter_stream_table('dashboard', schedule => 'calculated')");
        assertEffective("per_minute", "00:01:00", "no dependents: setting calculated_interval");
        db.execute("SELECT pgstream.alter_stream_table('top_count', schedule => '3s')");
        assertEffective("per_minute", "00:00:03", "from dependent public.top_count");
    }

    @Test
    void dropTableOfAReaderRelaxesItsSources() throws SQLException {
        db.execute("DROP TABLE dashboard"); // the event trigger forgets it, as drop_stream_table would
        assertEffective("per_minute", "01:00:00", "from dependent public.hourly_report");
    }

    private void assertEffective(String name, String interval, String basis) throws SQLException {
        assertEquals(interval + " | " + basis, db.queryString("SELECT effective_interval || ' | ' || effective_basis"
                + " FROM pgstream.stream_table WHERE relid = '" + name + "'::regclass"), name);
    }
}
