package io.pgstream.engine.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineConfig;
import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import io.pgstream.extension.ExtensionFiles;
import io.pgstream.extension.ExtensionInstaller;
import io.pgstream.extension.ExtensionInstaller.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Both install paths give a working pg_stream; older versions upgrade to the current one. */
class ExtensionInstallTest {

    private static final String VERSION = ExtensionFiles.defaultVersion();

    @Test
    @Tag("smoke")
    void extensionInstallIsIdempotent() throws SQLException {
        TestDatabase db = TestPostgres.emptyDatabase();
        try (Connection c = db.connect()) {
            assertEquals(Method.EXTENSION, ExtensionInstaller.install(c, Method.AUTO).method());
            ExtensionInstaller.Outcome again = ExtensionInstaller.install(c, Method.AUTO);
            assertEquals("pg_stream " + VERSION + " is already installed", again.describe());
        }
        assertEquals(VERSION, db.queryString("SELECT extversion FROM pg_extension WHERE extname = 'pg_stream'"));
    }

    /** What managed PostgreSQL gets: the same scripts, as a plain schema. */
    @Test
    @Tag("smoke")
    void schemaInstallWorksEndToEnd() throws Exception {
        TestDatabase db = TestPostgres.emptyDatabase();
        try (Connection c = db.connect()) {
            assertEquals(Method.SCHEMA, ExtensionInstaller.install(c, Method.SCHEMA).method());
            assertEquals("pg_stream " + VERSION + " is already installed", ExtensionInstaller.install(c, Method.AUTO).describe());
        }
        assertNull(db.queryString("SELECT extname FROM pg_extension WHERE extname = 'pg_stream'"));
        assertEquals(VERSION, db.queryString("SELECT pgstream.version()"));

        db.execute("CREATE TABLE t (a int)", "INSERT INTO t SELECT generate_series(1, 10)");
        String query = "SELECT a % 3 AS r, count(*) AS n FROM t GROUP BY 1";
        try (Connection c = db.connect(); Engine engine = Engine.start(EngineConfig.of(List.of(db.url())))) {
            StreamTables.create(c, "counts", query, "1m", "auto");
            db.execute("INSERT INTO t VALUES (100)");
            assertEquals("FULL", StreamTables.refresh(c, "counts").action());
            Oracle.assertMatches(c, "counts", query);
        }
    }

    @Test
    void everyOlderVersionUpgradesToTheCurrentOne() throws SQLException {
        for (String version : ExtensionFiles.installableVersions()) {
            if (version.equals(VERSION)) {
                continue;
            }
            TestDatabase db = TestPostgres.emptyDatabase();
            try (Connection c = db.connect()) {
                ExtensionInstaller.install(c, Method.EXTENSION); // copies every script into the share directory
                db.execute("DROP EXTENSION pg_stream CASCADE", "CREATE EXTENSION pg_stream VERSION '" + version + "'");
                assertEquals("upgraded pg_stream from " + version + " to " + VERSION,
                        ExtensionInstaller.install(c, Method.AUTO).describe());
            }
            assertEquals(VERSION, db.queryString("SELECT pgstream.version()"));
        }
    }
}
