package io.pgstream.engine.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import io.pgstream.extension.ExtensionFiles;
import io.pgstream.extension.ExtensionInstaller;
import io.pgstream.extension.ExtensionInstaller.Method;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * An upgrade from 0.1.0 gives exactly what a fresh install of the current version has, by either install method,
 * and stream tables live across it: still equal to their queries, refreshed differentially right after.
 */
class UpgradeTest {

    private static final String OLDEST = "0.1.0";
    private static final String VERSION = ExtensionFiles.defaultVersion();

    @Test
    void anUpgradedExtensionIsAFreshOne() throws SQLException {
        TestDatabase upgraded = olderExtension(OLDEST);
        upgrade(upgraded, "upgraded pg_stream from " + OLDEST + " to " + VERSION);
        InstallFingerprint.assertSame(TestPostgres.database(), upgraded, "the extension upgraded from " + OLDEST);
    }

    @Test
    void anUpgradedSchemaInstallIsAFreshOne() throws SQLException {
        TestDatabase upgraded = olderSchemaInstall(OLDEST);
        upgrade(upgraded, "upgraded pg_stream from " + OLDEST + " to " + VERSION);
        TestDatabase fresh = TestPostgres.emptyDatabase();
        try (Connection c = fresh.connect()) {
            ExtensionInstaller.install(c, Method.SCHEMA);
        }
        InstallFingerprint.assertSame(fresh, upgraded, "the schema install upgraded from " + OLDEST);
    }

    @Test
    void streamTablesLiveAcrossAnExtensionUpgrade() throws SQLException {
        liveAcrossUpgrade(olderExtension(OLDEST));
    }

    @Test
    void streamTablesLiveAcrossASchemaInstallUpgrade() throws SQLException {
        liveAcrossUpgrade(olderSchemaInstall(OLDEST));
    }

    /**
     * The stream tables are created with the old API and get the plans the old engine installed; the upgrade
     * keeps catalog, plans, frontiers and buffers, so the first refresh after it is differential.
     */
    private static void liveAcrossUpgrade(TestDatabase db) throws SQLException {
        StreamTableKinds.createSources(db);
        try (Connection c = db.connect()) {
            StreamTableKinds.createWithPlansOf(c, OLDEST);
            StreamTableKinds.write(db, 1);
            StreamTableKinds.refreshAll(c, "DIFFERENTIAL");
            StreamTableKinds.write(db, 2); // pending across the upgrade
        }
        upgrade(db, "upgraded pg_stream from " + OLDEST + " to " + VERSION);
        assertEquals(0, db.queryLong("""
                SELECT count(*) FROM pg_depend d JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                 WHERE d.deptype = 'e' AND p.pronamespace = 'pgstream_changes'::regnamespace"""),
                "the rewritten capture functions and readers stay outside the extension, for pg_dump");
        try (Connection c = db.connect()) {
            StreamTableKinds.refreshAll(c, "DIFFERENTIAL");
            StreamTableKinds.write(db, 3);
            StreamTableKinds.refreshAll(c, "DIFFERENTIAL");
        }
    }

    private static void upgrade(TestDatabase db, String expected) throws SQLException {
        try (Connection c = db.connect()) {
            assertEquals(expected, ExtensionInstaller.install(c, Method.AUTO).describe());
        }
        assertEquals(VERSION, db.queryString("SELECT pgstream.version()"));
    }

    /** A database with an older version's extension (every script is copied into the share directory first). */
    static TestDatabase olderExtension(String version) throws SQLException {
        TestDatabase db = TestPostgres.database();
        db.execute("DROP EXTENSION pg_stream CASCADE", "CREATE EXTENSION pg_stream VERSION '" + version + "'");
        return db;
    }

    /** A database with an older version installed as a schema, as the installer of that version did it. */
    static TestDatabase olderSchemaInstall(String version) throws SQLException {
        TestDatabase db = TestPostgres.emptyDatabase();
        db.execute("CREATE SCHEMA pgstream", ExtensionFiles.asPlainSql("pg_stream--" + version + ".sql"));
        return db;
    }
}
