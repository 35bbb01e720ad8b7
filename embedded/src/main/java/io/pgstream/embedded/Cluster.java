package io.pgstream.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One PostgreSQL data directory, driven with initdb and pg_ctl from an unpacked installation. */
final class Cluster {

    /** Written at every start and included from postgresql.conf, so settings never pile up across restarts. */
    private static final String SETTINGS_FILE = "pg_stream_embedded.conf";
    private static final String SERVER_LOG = "server.log";
    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);
    private static final int PG_CTL_WAIT_SECONDS = 60;
    private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(PG_CTL_WAIT_SECONDS + 30);
    private static final int LOG_TAIL_LINES = 25;

    private final Path installDirectory;
    private final Path dataDirectory;
    private final ServerAccount account;

    Cluster(Path installDirectory, Path dataDirectory, ServerAccount account) {
        this.installDirectory = installDirectory;
        this.dataDirectory = dataDirectory;
        this.account = account;
    }

    /** Creates the data directory if needed, runs initdb unless it holds a cluster already, configures, starts. */
    void start(String superuser, Map<String, String> settings) throws IOException {
        prepareDataDirectory();
        if (!Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            initdb(superuser);
        }
        includeSettingsFile();
        writeSettings(settings);
        account.takeOwnership(dataDirectory); // the files just written belong to the JVM's account
        launch();
    }

    private void launch() throws IOException {
        ProcessRunner.Result started = ProcessRunner.run(account.command(List.of(program("pg_ctl"), "start",
                "--pgdata=" + dataDirectory, "--log=" + serverLog(), "--wait",
                "--timeout=" + PG_CTL_WAIT_SECONDS)), PG_CTL_TIMEOUT);
        if (!started.succeeded()) {
            throw new IOException("PostgreSQL did not start (data directory " + dataDirectory + ", OS account "
                    + account.name() + "). pg_ctl said:\n" + started.output() + "\nLast lines of " + serverLog()
                    + ":\n" + serverLogTail());
        }
    }

    void stop() throws IOException {
        stop("fast");
    }

    /** Stops as a crash would (no checkpoint; the next start recovers from the WAL), then starts again. */
    void crashAndRestart() throws IOException {
        stop("immediate");
        launch();
    }

    private void stop(String mode) throws IOException {
        ProcessRunner.runOrThrow(account.command(List.of(program("pg_ctl"), "stop", "--pgdata=" + dataDirectory,
                "--mode=" + mode, "--wait", "--timeout=" + PG_CTL_WAIT_SECONDS)), PG_CTL_TIMEOUT);
    }

    /** After a failed start the postmaster may still be coming up (pg_ctl gave up waiting): stop it if so. */
    void stopIfRunning() throws IOException {
        if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            stop();
        }
    }

    private Path serverLog() {
        return dataDirectory.resolve(SERVER_LOG);
    }

    private void prepareDataDirectory() throws IOException {
        Files.createDirectories(dataDirectory);
        Files.setPosixFilePermissions(dataDirectory, Directories.OWNER_ONLY); // the server insists on 0700
        account.takeOwnership(dataDirectory);
        account.requireAccess(installDirectory.resolve("bin/postgres"), "-x", "The PostgreSQL binaries in "
                + installDirectory + " are not executable by OS account " + account.name()
                + ": make every parent directory searchable by it (chmod o+x) or set java.io.tmpdir elsewhere");
        account.requireAccess(dataDirectory, "-w", "The data directory " + dataDirectory
                + " is not reachable by OS account " + account.name() + ", which runs PostgreSQL"
                + " (the server refuses to run as root): make every parent directory searchable by it (chmod o+x)"
                + " or choose a directory under /tmp");
    }

    private void initdb(String superuser) throws IOException {
        ProcessRunner.runOrThrow(account.command(List.of(program("initdb"), "--pgdata=" + dataDirectory,
                "--username=" + superuser, "--auth=trust", "--encoding=UTF8", "--locale=C",
                "--no-sync")), INITDB_TIMEOUT); // --no-sync: like fsync=off, speed over durability
    }

    /** Checked at every start, so that a data directory initialized elsewhere gets our settings too. */
    private void includeSettingsFile() throws IOException {
        Path postgresqlConf = dataDirectory.resolve("postgresql.conf");
        String include = "include '" + SETTINGS_FILE + "'";
        if (!Files.readString(postgresqlConf).contains(include)) {
            Files.writeString(postgresqlConf, "\n# Added by pg_stream's EmbeddedPostgres\n" + include + "\n",
                    StandardOpenOption.APPEND);
        }
    }

    private void writeSettings(Map<String, String> settings) throws IOException {
        StringBuilder text = new StringBuilder("# Written by pg_stream's EmbeddedPostgres at every start.\n");
        settings.forEach((name, value) -> text.append(name).append(" = ").append(quoted(value)).append('\n'));
        Files.writeString(dataDirectory.resolve(SETTINGS_FILE), text);
    }

    /** A postgresql.conf string literal: backslashes and quotes are escaped; callers reject line breaks. */
    private static String quoted(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private String serverLogTail() {
        try {
            List<String> lines = new String(Files.readAllBytes(serverLog()), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private String program(String name) {
        return installDirectory.resolve("bin").resolve(name).toString();
    }
}
