package io.pgstream.extension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs or upgrades pg_stream in one database.
 *
 * <p>{@link Method#AUTO} uses a real extension when the server's share directory (SHAREDIR of the
 * {@code pg_config} view) is on this machine and writable, and falls back to a schema install of the
 * same scripts otherwise, as on managed PostgreSQL.
 */
public final class ExtensionInstaller {

    private static final Logger log = LoggerFactory.getLogger(ExtensionInstaller.class);

    /** How to install. */
    public enum Method { AUTO, EXTENSION, SCHEMA }

    /** What {@link #install} did. */
    public record Outcome(Method method, String fromVersion, String toVersion) {
        public String describe() {
            if (fromVersion == null) {
                return "installed pg_stream " + toVersion + (method == Method.EXTENSION ? " (CREATE EXTENSION)" : " (schema install)");
            }
            if (fromVersion.equals(toVersion)) {
                return "pg_stream " + toVersion + " is already installed";
            }
            return "upgraded pg_stream from " + fromVersion + " to " + toVersion;
        }
    }

    private ExtensionInstaller() {}

    public static Outcome install(Connection connection, Method method) throws SQLException {
        String target = ExtensionFiles.defaultVersion();
        Optional<String> asExtension = extensionVersion(connection);
        if (asExtension.isPresent()) {
            if (!asExtension.get().equals(target)) {
                // the server's directory may hold an older pg_stream's files: this version's upgrade scripts first
                Optional<Path> extensionDir = writableExtensionDirectory(connection);
                if (extensionDir.isPresent()) {
                    copyFiles(extensionDir.get());
                }
                execute(connection, "ALTER EXTENSION pg_stream UPDATE TO '" + target + "'");
            }
            return new Outcome(Method.EXTENSION, asExtension.get(), target);
        }
        Optional<String> asSchema = schemaInstallVersion(connection);
        if (asSchema.isPresent()) {
            inTransaction(connection, () -> {
                for (String step : ExtensionFiles.upgradePath(asSchema.get())) {
                    execute(connection, ExtensionFiles.asPlainSql(step));
                }
            });
            return new Outcome(Method.SCHEMA, asSchema.get(), target);
        }
        if (method != Method.SCHEMA) {
            Optional<Path> extensionDir = writableExtensionDirectory(connection);
            if (extensionDir.isPresent()) {
                copyFiles(extensionDir.get());
                execute(connection, "CREATE EXTENSION pg_stream");
                log.info("installed pg_stream {} as an extension (files in {})", target, extensionDir.get());
                return new Outcome(Method.EXTENSION, null, target);
            }
            if (method == Method.EXTENSION) {
                throw new SQLException("cannot install pg_stream as an extension: the server's share directory is not "
                        + "on this machine or not writable (install as a schema with --method schema)");
            }
        }
        inTransaction(connection, () -> {
            execute(connection, "CREATE SCHEMA pgstream");
            execute(connection, ExtensionFiles.asPlainSql("pg_stream--" + target + ".sql"));
        });
        log.info("installed pg_stream {} as schema pgstream (no access to the server's extension directory)", target);
        return new Outcome(Method.SCHEMA, null, target);
    }

    /** The version of pg_stream installed either way, if any. */
    public static Optional<String> installedVersion(Connection connection) throws SQLException {
        Optional<String> version = extensionVersion(connection);
        return version.isPresent() ? version : schemaInstallVersion(connection);
    }

    private static Optional<String> extensionVersion(Connection connection) throws SQLException {
        return queryString(connection, "SELECT extversion FROM pg_extension WHERE extname = 'pg_stream'");
    }

    private static Optional<String> schemaInstallVersion(Connection connection) throws SQLException {
        if (queryString(connection, "SELECT to_regprocedure('pgstream.version()')::text").isEmpty()) {
            return Optional.empty();
        }
        return queryString(connection, "SELECT pgstream.version()");
    }

    /** SHAREDIR/extension when the pg_config view tells it (superusers only) and this process can write it. */
    private static Optional<Path> writableExtensionDirectory(Connection connection) {
        try {
            Optional<String> shareDir = queryString(connection, "SELECT setting FROM pg_config WHERE name = 'SHAREDIR'");
            return shareDir.map(dir -> Path.of(dir, "extension"))
                    .filter(Files::isDirectory)
                    .filter(Files::isWritable);
        } catch (SQLException e) {
            log.debug("pg_config is not readable ({}): installing as a schema", e.getMessage());
            rollbackQuietly(connection);
            return Optional.empty();
        }
    }

    private static void copyFiles(Path extensionDir) throws SQLException {
        try {
            for (String name : ExtensionFiles.names()) {
                if (name.equals("index")) {
                    continue;
                }
                // written aside and renamed, so a server reading the directory never sees half a file
                Path temporary = Files.createTempFile(extensionDir, ".pg_stream", ".tmp");
                Files.writeString(temporary, ExtensionFiles.read(name), StandardCharsets.UTF_8);
                temporary.toFile().setReadable(true, false); // the server may run as another account
                Files.move(temporary, extensionDir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new SQLException("cannot copy pg_stream's files into " + extensionDir + ": " + e.getMessage(), e);
        }
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private static void inTransaction(Connection connection, SqlWork work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is unusable; the caller's next statement says so
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Optional<String> queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }
}
