package io.pgstream.engine.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineConfig;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import io.pgstream.extension.ExtensionInstaller;
import io.pgstream.extension.ExtensionInstaller.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * pg_dump and pg_restore of a database with stream tables, by either install method: the restored stream tables
 * are recognized, take writes made before anything repaired the restored catalog, refresh in full once (saying
 * why) and differentially after, by hand and by an engine, each equal to its query.
 */
class DumpRestoreTest {

    private static final String REASON = "restored from a dump";

    @Test
    void anExtensionInstallIsRestoredWithItsStreamTables() throws Exception {
        DumpServer dumps = DumpServer.get();
        roundTrip(dumps, TestPostgres.database(dumps.server()));
    }

    @Test
    void aSchemaInstallIsRestoredWithItsStreamTables() throws Exception {
        DumpServer dumps = DumpServer.get();
        TestDatabase db = TestPostgres.emptyDatabase(dumps.server());
        try (Connection c = db.connect()) {
            ExtensionInstaller.install(c, Method.SCHEMA);
        }
        roundTrip(dumps, db);
    }

    private static void roundTrip(DumpServer dumps, TestDatabase db) throws Exception {
        StreamTableKinds.createSources(db);
        try (Connection c = db.connect()) {
            StreamTableKinds.create(c);
            StreamTableKinds.write(db, 1);
            StreamTableKinds.refreshAll(c, "DIFFERENTIAL");
        }
        StreamTableKinds.write(db, 2); // buffered, not yet refreshed, when dumped
        // a source joining the WAL capture: the catalog knows a slot (of this database, not the restored one)
        db.execute("SELECT pgstream._register_slot('pgstream_dumped', pg_current_wal_lsn())");
        assertNull(db.queryString("SELECT pgstream._begin_wal_capture('orders'::regclass)"));
        Path dump = dumps.dump(db);

        TestDatabase byHand = restoredWithWrites(dumps, dump);
        try (Connection c = byHand.connect()) {
            StreamTableKinds.refreshAll(c, "FULL");
            assertEquals(StreamTableKinds.QUERIES.size(), restoredRefreshes(byHand, "manual"));
            assertEquals("trigger", byHand.queryString("SELECT string_agg(DISTINCT mode, ',') FROM pgstream.capture"));
            assertEquals(0, byHand.queryLong("SELECT count(*) FROM pgstream.wal_capture"), "the dumped slot stays behind");
            assertEquals(0, byHand.queryLong("SELECT count(*) FROM pg_publication_rel"));
            StreamTableKinds.write(byHand, 4);
            StreamTableKinds.refreshAll(c, "DIFFERENTIAL");
        }

        TestDatabase byEngine = restoredWithWrites(dumps, dump);
        for (String name : StreamTableKinds.QUERIES.keySet()) {
            byEngine.execute("SELECT pgstream.alter_stream_table('" + name + "', schedule => '1s')");
        }
        try (Engine engine = Engine.start(new EngineConfig(List.of(byEngine.url()), 2, Duration.ofMillis(200)))) {
            Await.until(Duration.ofSeconds(30), "every stream table refreshed in full once, as restored",
                    () -> restoredRefreshes(byEngine, "scheduled") == StreamTableKinds.QUERIES.size());
            StreamTableKinds.write(byEngine, 4);
            Await.until(Duration.ofSeconds(30), "every stream table refreshed differentially since",
                    () -> byEngine.queryLong("""
                            SELECT count(DISTINCT stream_table_id) FROM pgstream.refresh_history
                             WHERE action = 'DIFFERENTIAL' AND initiated_by = 'scheduled'
                               AND id > (SELECT max(id) FROM pgstream.refresh_history WHERE reason = '%s')"""
                            .formatted(REASON)) == StreamTableKinds.QUERIES.size());
            try (Connection c = byEngine.connect()) {
                for (Map.Entry<String, String> table : StreamTableKinds.QUERIES.entrySet()) {
                    Await.until(Duration.ofSeconds(30), table.getKey() + " equals its query",
                            () -> Oracle.matches(c, table.getKey(), table.getValue()));
                }
            }
        }
    }

    /** A restore, recognized as pg_stream's, written to before anything has repaired it. */
    private static TestDatabase restoredWithWrites(DumpServer dumps, Path dump) throws Exception {
        TestDatabase restored = dumps.restore(dump);
        assertEquals(StreamTableKinds.QUERIES.size(), restored.queryLong("SELECT count(*) FROM pgstream.stream_tables"));
        StreamTableKinds.write(restored, 3); // through the capture triggers as restored
        return restored;
    }

    private static long restoredRefreshes(TestDatabase db, String initiatedBy) throws Exception {
        return db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE action = 'FULL' AND reason = '" + REASON
                + "' AND initiated_by = '" + initiatedBy + "'");
    }
}
