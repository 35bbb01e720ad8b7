package io.pgstream.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

    @Test
    void runsPostgres18ReadyForLogicalDecodingAndDeletesItsTemporaryDataDirectory() throws Exception {
        Path dataDirectory;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setting("max_connections", "42").start()) {
            dataDirectory = pg.dataDirectory();
            assertTrue(Files.isDirectory(dataDirectory));
            assertTrue(pg.version().startsWith("18."), pg.version());
            assertEquals("jdbc:postgresql://localhost:" + pg.port() + "/app?user=postgres", pg.jdbcUrl("app"));
            assertEquals("postgresql://postgres@localhost:" + pg.port() + "/app", pg.psqlHint("app"));
            assertTrue(Files.isDirectory(pg.shareDirectory().resolve("extension")));
            try (Connection connection = DriverManager.getConnection(pg.jdbcUrl("postgres"));
                 Statement statement = connection.createStatement()) {
                assertTrue(Integer.parseInt(scalar(statement, "SHOW server_version_num")) >= 180000);
                assertEquals("logical", scalar(statement, "SHOW wal_level"));
                assertEquals("off", scalar(statement, "SHOW fsync"));
                assertEquals("42", scalar(statement, "SHOW max_connections"));
                assertEquals("UTF8", scalar(statement, "SHOW server_encoding"));
                statement.execute("CREATE DATABASE app");
            }
            try (Connection connection = DriverManager.getConnection(pg.jdbcUrl("app"));
                 Statement statement = connection.createStatement()) {
                assertEquals("app", scalar(statement, "SELECT current_database()"));
                assertEquals("postgres", scalar(statement, "SELECT current_user"));
            }
        }
        assertFalse(Files.exists(dataDirectory), "the temporary data directory is deleted on close");
    }

    @Test
    void serverRunsAsPgstreamWhenTheJvmIsRootAndAsTheJvmsAccountOtherwise() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            int postmasterUid = realUid(Path.of("/proc", postmasterPid(pg.dataDirectory())));
            String dataOwner = Files.getOwner(pg.dataDirectory()).getName();
            if (ServerAccount.effectiveUid() == 0) {
                assertNotEquals(0, postmasterUid);
                assertEquals(uidOf(ServerAccount.SYSTEM_ACCOUNT), postmasterUid);
                assertEquals(ServerAccount.SYSTEM_ACCOUNT, dataOwner);
            } else {
                assertEquals(ServerAccount.effectiveUid(), postmasterUid);
                assertEquals(System.getProperty("user.name"), dataOwner);
            }
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pg.dataDirectory())));
        }
    }

    @Test
    void twoServersRunSideBySide() throws Exception {
        try (EmbeddedPostgres first = EmbeddedPostgres.builder().start();
             EmbeddedPostgres second = EmbeddedPostgres.builder().start()) {
            assertNotEquals(first.port(), second.port());
            assertNotEquals(first.dataDirectory(), second.dataDirectory());
            try (Connection one = DriverManager.getConnection(first.jdbcUrl("postgres"));
                 Connection two = DriverManager.getConnection(second.jdbcUrl("postgres"))) {
                one.createStatement().execute("CREATE TABLE only_in_first (id int)");
                assertEquals("f", scalar(two.createStatement(), "SELECT to_regclass('only_in_first') IS NOT NULL"));
            }
        }
    }

    @Test
    void runsAnInstallationAlreadyOnDiskInPlace(@TempDir Path empty) throws Exception {
        Path unpacked = BinaryCache.install(BinaryCache.defaultCacheDirectory()).directory();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().installation(unpacked).start();
             Connection connection = DriverManager.getConnection(pg.jdbcUrl("postgres"))) {
            assertEquals(unpacked, pg.installDirectory());
            assertEquals(unpacked.resolve("share/postgresql"), pg.shareDirectory());
            assertEquals(pg.version(), scalar(connection.createStatement(), "SHOW server_version"));
        }
        IOException incomplete = assertThrows(IOException.class,
                () -> EmbeddedPostgres.builder().installation(empty).start().close());
        assertTrue(incomplete.getMessage().contains("lacks bin/initdb"), incomplete.getMessage());
        assertThrows(IllegalStateException.class,
                () -> EmbeddedPostgres.builder().installation(unpacked).binaries(empty.resolve("x.jar")).start());
    }

    @Test
    void portInUseFailsWithTheServerLogInTheMessageAndLeavesNoDataDirectory() throws Exception {
        try (EmbeddedPostgres running = EmbeddedPostgres.builder().start()) {
            IOException failure = assertThrows(IOException.class,
                    () -> EmbeddedPostgres.builder().port(running.port()).start().close());
            String message = failure.getMessage();
            assertTrue(message.contains("PostgreSQL did not start"), message);
            assertTrue(message.contains("server.log"), message);
            assertTrue(message.contains("Address already in use"), message);
            Matcher dataDirectory = Pattern.compile("data directory (\\S+),").matcher(message);
            assertTrue(dataDirectory.find(), message);
            assertFalse(Files.exists(Path.of(dataDirectory.group(1))), "the failed server's data directory is deleted");
        }
    }

    @Test
    void chosenDataDirectoryIsKeptOnCloseAndReusedOnRestart(@TempDir Path parent) throws Exception {
        // @TempDir is private to this account; the pgstream account must be able to traverse it
        Files.setPosixFilePermissions(parent, Directories.WORLD_EXECUTABLE);
        Path dataDirectory = parent.resolve("cluster");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().dataDirectory(dataDirectory).start();
             Connection connection = DriverManager.getConnection(pg.jdbcUrl("postgres"))) {
            connection.createStatement().execute("CREATE TABLE survivor AS SELECT 7 AS answer");
        }
        assertTrue(Files.exists(dataDirectory.resolve("PG_VERSION")));
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().dataDirectory(dataDirectory).start();
             Connection connection = DriverManager.getConnection(pg.jdbcUrl("postgres"))) {
            assertEquals(dataDirectory, pg.dataDirectory());
            assertEquals("7", scalar(connection.createStatement(), "SELECT answer FROM survivor"));
        }
    }

    @Test
    void rootJvmRejectsADataDirectoryThePgstreamAccountCannotReach(@TempDir Path privateParent) throws Exception {
        assumeTrue(ServerAccount.effectiveUid() == 0, "only a root JVM hands the server to another account");
        Path dataDirectory = privateParent.resolve("cluster"); // @TempDir is mode 0700, owned by root
        IOException failure = assertThrows(IOException.class,
                () -> EmbeddedPostgres.builder().dataDirectory(dataDirectory).start().close());
        assertTrue(failure.getMessage().contains(dataDirectory.toString()), failure.getMessage());
        assertTrue(failure.getMessage().contains(ServerAccount.SYSTEM_ACCOUNT), failure.getMessage());
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        pg.close();
        pg.close();
        assertFalse(Files.exists(pg.dataDirectory()));
    }

    @Test
    void builderRejectsSettingsThatWouldCorruptPostgresqlConf() {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.setting("work_mem = 1\nfsync", "on"));
        assertThrows(IllegalArgumentException.class, () -> builder.setting("work_mem", "1MB\nfsync = on"));
        assertThrows(IllegalArgumentException.class, () -> builder.port(70_000));
    }

    private static String scalar(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            assertTrue(result.next());
            return result.getString(1);
        }
    }

    /** The first line of postmaster.pid is the postmaster's process id. */
    private static String postmasterPid(Path dataDirectory) throws IOException {
        return Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().strip();
    }

    private static int realUid(Path procDirectory) throws IOException {
        String uidLine = Files.readAllLines(procDirectory.resolve("status")).stream()
                .filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow();
        return Integer.parseInt(uidLine.split("\\s+")[1]);
    }

    private static int uidOf(String account) throws IOException {
        return Integer.parseInt(ProcessRunner.runOrThrow(List.of("id", "-u", account), Duration.ofSeconds(10)));
    }
}
