package io.pgstream.engine.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgstream.embedded.EmbeddedPostgres;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A server to dump and restore with pg_dump and pg_restore of its own major version (pg_dump refuses a newer
 * server). io.zonky's binaries have no pg_dump, so: the shared test server when this machine has its major's
 * pg_dump, else a server of the version whose binaries the build copies to {@value #BINARIES_PROPERTY} (15,
 * whose pg_dump is Debian's postgresql-client-15).
 */
final class DumpServer {

    private static final String BINARIES_PROPERTY = "pgstream.test.dumpServerBinaries";
    private static final Pattern MAJOR = Pattern.compile("\\(PostgreSQL\\) (\\d+)");
    private static DumpServer instance;

    private final EmbeddedPostgres server;
    private final Path bin;

    private DumpServer(EmbeddedPostgres server, Path bin) {
        this.server = server;
        this.bin = bin;
    }

    static synchronized DumpServer get() throws IOException {
        if (instance == null) {
            EmbeddedPostgres shared = TestPostgres.server();
            Optional<Path> bin = clientPrograms(shared);
            if (bin.isPresent()) {
                instance = new DumpServer(shared, bin.get());
            } else {
                String jar = System.getProperty(BINARIES_PROPERTY);
                if (jar == null) {
                    throw new IllegalStateException("no pg_dump of PostgreSQL " + major(shared.version())
                            + " here, and no -D" + BINARIES_PROPERTY + " with binaries of another version (see engine/pom.xml)");
                }
                EmbeddedPostgres other = EmbeddedPostgres.builder().binaries(Path.of(jar)).start();
                instance = new DumpServer(other, clientPrograms(other).orElseThrow(() -> new IllegalStateException(
                        "no pg_dump of PostgreSQL " + major(other.version()) + " on this machine: install postgresql-client-"
                                + major(other.version()))));
            }
        }
        return instance;
    }

    EmbeddedPostgres server() {
        return server;
    }

    /** Dumps a database in pg_dump's custom format. */
    Path dump(TestDatabase db) throws IOException {
        Path file = Files.createTempFile("pg-stream-dump-", ".dump");
        file.toFile().deleteOnExit();
        run("pg_dump", "-Fc", "-f", file.toString(), "-d", db.name());
        return file;
    }

    /** Restores a dump into a new empty database, which must succeed without an error. */
    TestDatabase restore(Path dump) throws IOException {
        TestDatabase target = TestPostgres.emptyDatabase(server);
        run("pg_restore", "--exit-on-error", "-d", target.name(), dump.toString());
        return target;
    }

    private void run(String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(bin.resolve(program).toString(), "-h", host(), "-p",
                Integer.toString(server.port()), "-U", server.superuser()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed:\n" + output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private String host() {
        return URI.create(server.jdbcUrl("postgres").substring("jdbc:".length())).getHost();
    }

    /** The directory holding pg_dump and pg_restore of the server's major version, if this machine has one. */
    private static Optional<Path> clientPrograms(EmbeddedPostgres server) {
        String major = major(server.version());
        List<Path> candidates = new ArrayList<>(List.of(server.binDirectory(), Path.of("/usr/lib/postgresql", major, "bin")));
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(Path::of).forEach(candidates::add);
        return candidates.stream()
                .filter(dir -> Files.isExecutable(dir.resolve("pg_dump")) && Files.isExecutable(dir.resolve("pg_restore")))
                .filter(dir -> major.equals(programMajor(dir.resolve("pg_dump"))))
                .findFirst();
    }

    private static String programMajor(Path program) {
        try {
            Process process = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
            Matcher m = MAJOR.matcher(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            process.waitFor(30, TimeUnit.SECONDS);
            return m.find() ? m.group(1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String major(String version) {
        return version.split("\\.")[0];
    }
}
