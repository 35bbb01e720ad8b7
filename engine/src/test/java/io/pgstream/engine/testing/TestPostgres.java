package io.pgstream.engine.testing;

import io.pgstream.embedded.EmbeddedPostgres;
import io.pgstream.extension.ExtensionInstaller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test JVM (stopped by its shutdown hook); a fresh database per test. The server is
 * PostgreSQL 18 unless the build selected older binaries ({@code -Dpgstream.test.postgres=14}, which activates a
 * profile of the parent pom and reaches the test JVM as a system property): a server of another major than the one
 * that property names (18 without it) is refused, so a smoke run can never pass on the wrong binaries.
 */
public final class TestPostgres {

    private static final String MAJOR_PROPERTY = "pgstream.test.postgres";
    private static final String DEFAULT_MAJOR = "18";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {}

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            EmbeddedPostgres started;
            try {
                started = EmbeddedPostgres.builder().setting("max_connections", "300")
                        // every test database with a running engine gets a slot and a WAL sender
                        .setting("max_replication_slots", "200").setting("max_wal_senders", "200").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            requireExpectedMajor(started);
            server = started;
        }
        return server;
    }

    private static void requireExpectedMajor(EmbeddedPostgres started) {
        String expected = System.getProperty(MAJOR_PROPERTY, DEFAULT_MAJOR);
        if (majorOf(started.version()) != Integer.parseInt(expected)) {
            started.close();
            throw new IllegalStateException("The tests expect PostgreSQL " + expected + " (" + MAJOR_PROPERTY
                    + ") but the embedded binaries are PostgreSQL " + started.version() + ": -D" + MAJOR_PROPERTY
                    + " on the Maven command line selects them, for the majors the parent pom has a profile for");
        }
    }

    private static int majorOf(String version) {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    /** A new empty database without pg_stream. */
    public static TestDatabase emptyDatabase() {
        return emptyDatabase(server());
    }

    /** A new empty database without pg_stream, on another server than the shared one. */
    public static TestDatabase emptyDatabase(EmbeddedPostgres on) {
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(on.jdbcUrl("postgres"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new TestDatabase(name, on.jdbcUrl(name));
    }

    /** A new database with pg_stream installed as an extension. */
    public static TestDatabase database() {
        return database(server());
    }

    /** A new database with pg_stream installed as an extension, on another server than the shared one. */
    public static TestDatabase database(EmbeddedPostgres on) {
        TestDatabase database = emptyDatabase(on);
        try (Connection connection = database.connect()) {
            ExtensionInstaller.install(connection, ExtensionInstaller.Method.EXTENSION);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return database;
    }
}
