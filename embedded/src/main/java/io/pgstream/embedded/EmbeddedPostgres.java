package io.pgstream.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the binaries on Maven Central, for pg_stream's demo and tests: PostgreSQL 18, or
 * the older major whose binaries a test run put on the classpath instead; or from an installation already on disk,
 * such as one built from source with the server headers that extensions written in C need.
 *
 * <pre>{@code
 * try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
 *     Connection connection = DriverManager.getConnection(pg.jdbcUrl("postgres"));
 * }
 * }</pre>
 *
 * <p>The server listens on localhost only, trusts every local connection, uses {@code wal_level=logical} and keeps
 * its Unix socket in the data directory. It runs with {@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} off: fast, but a crash of the machine may corrupt it, so it is for demos and tests only.
 * When the JVM runs as root, the server runs as the system account {@code pgstream}, because PostgreSQL refuses to
 * run as root.
 *
 * <p>{@link #close()} stops the server; a JVM shutdown hook does the same for servers nobody closed.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String SUPERUSER = "postgres";
    private static final String HOST = "localhost";

    private final BinaryCache.Installation installation;
    private final Cluster cluster;
    private final Path dataDirectory;
    private final boolean deleteDataDirectoryOnClose;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private EmbeddedPostgres(BinaryCache.Installation installation, Cluster cluster, Path dataDirectory,
                             boolean deleteDataDirectoryOnClose, int port) {
        this.installation = installation;
        this.cluster = cluster;
        this.dataDirectory = dataDirectory;
        this.deleteDataDirectoryOnClose = deleteDataDirectoryOnClose;
        this.port = port;
        this.shutdownHook = new Thread(this::closeAtShutdown, "pg-stream-embedded-shutdown-" + port);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A pgjdbc URL connecting to {@code database} as the superuser:
     * {@code jdbc:postgresql://localhost:PORT/DB?user=postgres}.
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + urlEncoded(database) + "?user=" + SUPERUSER;
    }

    /**
     * A libpq connection URI to print for users, who pass it to {@code psql}:
     * {@code postgresql://postgres@localhost:PORT/DB}.
     */
    public String psqlHint(String database) {
        return "postgresql://" + SUPERUSER + "@" + HOST + ":" + port + "/" + urlEncoded(database);
    }

    public int port() {
        return port;
    }

    /** The superuser initdb created; every local connection is trusted, so it needs no password. */
    public String superuser() {
        return SUPERUSER;
    }

    /** The server's version, such as {@code 18.1}. */
    public String version() {
        return installation.version();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The unpacked PostgreSQL installation (bin/, lib/, share/postgresql/); shared by every server of this account. */
    public Path installDirectory() {
        return installation.directory();
    }

    /** {@code <install>/bin}: the server's programs (io.zonky's binaries have initdb, pg_ctl and postgres only). */
    public Path binDirectory() {
        return installDirectory().resolve("bin");
    }

    /** {@code <install>/share/postgresql}: extension control and script files go into its {@code extension/}. */
    public Path shareDirectory() {
        return installDirectory().resolve("share/postgresql");
    }

    /**
     * Stops the server with an immediate shutdown, as a crash would (every connection is cut, nothing is
     * checkpointed), and starts it again on the same port and data directory: it recovers from its WAL.
     *
     * @throws UncheckedIOException if it did not stop or start again
     */
    public void crashAndRestart() {
        try {
            cluster.crashAndRestart();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("Restarted PostgreSQL on port {} after an immediate shutdown", port);
    }

    /**
     * Stops the server ({@code pg_ctl stop -m fast}) and deletes the data directory if it was a default temporary one.
     * Closing twice does nothing.
     *
     * @throws UncheckedIOException if the server did not stop or the data directory could not be deleted
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            removeShutdownHook();
            try {
                stopAndCleanUp();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void closeAtShutdown() {
        if (closed.compareAndSet(false, true)) {
            try {
                stopAndCleanUp();
            } catch (IOException e) {
                log.warn("Could not stop PostgreSQL on port {} at JVM shutdown", port, e);
            }
        }
    }

    private void stopAndCleanUp() throws IOException {
        try {
            cluster.stop();
            log.info("Stopped PostgreSQL on port {}", port);
        } finally {
            if (deleteDataDirectoryOnClose) {
                Directories.deleteRecursively(dataDirectory);
            }
        }
    }

    private void registerShutdownHook() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running or about to; closed guards against stopping twice
        }
    }

    private static String urlEncoded(String database) {
        return URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Configures and starts an {@link EmbeddedPostgres}. */
    public static final class Builder {

        private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

        private Path dataDirectory;
        private Path binaries;
        private Path installation;
        private int port;
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Where the cluster lives. It is created (and initdb run) if it does not hold a cluster yet, reused if it
         * does, and kept on close. By default a fresh directory under {@code java.io.tmpdir}, deleted on close.
         * When the JVM runs as root, every parent directory must be searchable by the {@code pgstream} account.
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
            return this;
        }

        /**
         * The io.zonky.test.postgres binaries jar to run, for another PostgreSQL version than the one on the
         * classpath (the default).
         */
        public Builder binaries(Path jar) {
            this.binaries = Objects.requireNonNull(jar, "jar");
            return this;
        }

        /**
         * A PostgreSQL installation on disk to run instead of io.zonky's binaries: its {@code bin/} holds initdb,
         * pg_ctl and postgres, its share directory is {@code share/postgresql/} (a source build configured with
         * {@code --datadir=<prefix>/share/postgresql}). It is used in place: when the JVM runs as root, the
         * {@code pgstream} account must be able to read and traverse it.
         */
        public Builder installation(Path directory) {
            this.installation = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
            return this;
        }

        /** The TCP port on localhost; 0, the default, picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Not a TCP port: " + port);
            }
            this.port = port;
            return this;
        }

        /** An extra postgresql.conf setting, such as {@code ("max_connections", "200")}; it overrides the defaults. */
        public Builder setting(String name, String value) {
            if (!SETTING_NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
                throw new IllegalArgumentException("Not a PostgreSQL setting name: " + name);
            }
            if (Objects.requireNonNull(value, "value").contains("\n") || value.contains("\r")) {
                throw new IllegalArgumentException("Setting " + name + " has a line break in its value");
            }
            settings.put(name, value);
            return this;
        }

        /**
         * Unpacks the binaries if needed, creates the cluster if needed and starts the server, waiting until it
         * accepts connections.
         *
         * @throws IOException if any step fails; a failed server start includes the tail of the server log
         */
        public EmbeddedPostgres start() throws IOException {
            if (binaries != null && installation != null) {
                throw new IllegalStateException("binaries(jar) and installation(directory) exclude each other");
            }
            BinaryCache.Installation installation = this.installation != null
                    ? BinaryCache.existing(this.installation)
                    : BinaryCache.install(BinaryCache.defaultCacheDirectory(), binaries);
            ServerAccount account = ServerAccount.forThisJvm();
            boolean temporary = dataDirectory == null;
            Path data = temporary
                    ? Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pg-stream-data-")
                    : dataDirectory.toAbsolutePath().normalize();
            Cluster cluster = new Cluster(installation.directory(), data, account);
            int chosenPort = port != 0 ? port : freePort();
            try {
                cluster.start(SUPERUSER, effectiveSettings(data, chosenPort));
            } catch (IOException | RuntimeException e) {
                cleanUpFailedStart(cluster, data, temporary, e);
                throw e;
            }
            EmbeddedPostgres server = new EmbeddedPostgres(installation, cluster, data, temporary, chosenPort);
            server.registerShutdownHook();
            log.info("Started PostgreSQL {} on port {} as OS account {} (data directory {})",
                    installation.version(), chosenPort, account.name(), data);
            return server;
        }

        private Map<String, String> effectiveSettings(Path data, int chosenPort) {
            Map<String, String> effective = new LinkedHashMap<>();
            effective.put("listen_addresses", HOST);
            effective.put("port", Integer.toString(chosenPort));
            effective.put("unix_socket_directories", data.toString()); // /var/run/postgresql may not exist
            effective.put("wal_level", "logical");
            effective.put("max_replication_slots", "10");
            effective.put("max_wal_senders", "10");
            // Speed over durability: these servers hold demo and test data that can always be recreated.
            effective.put("fsync", "off");
            effective.put("synchronous_commit", "off");
            effective.put("full_page_writes", "off");
            effective.putAll(settings);
            return effective;
        }

        private static void cleanUpFailedStart(Cluster cluster, Path data, boolean temporary, Exception failure) {
            try {
                cluster.stopIfRunning();
                if (temporary) {
                    Directories.deleteRecursively(data);
                }
            } catch (IOException | RuntimeException cleanupFailure) {
                failure.addSuppressed(cleanupFailure);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }
}
