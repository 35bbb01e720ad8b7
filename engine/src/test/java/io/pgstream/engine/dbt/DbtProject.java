package io.pgstream.engine.dbt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A working copy of the repository's dbt package ({@code dbt-pgstream/}) whose integration project runs
 * the real dbt against one database, through the project's own {@code scripts/dbt} (which installs the
 * pinned dbt into {@code target/dbt-venv} at the repository root on first use). The copy keeps dbt's
 * files out of the source tree and lets a test edit models.
 */
final class DbtProject {

    /** What a dbt command did: its exit code and everything it printed. */
    record Run(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private static final Set<String> NOT_COPIED = Set.of("target", "dbt_packages", "logs", "package-lock.yml");
    private static final long TIMEOUT_MINUTES = 10;  // the first run installs dbt

    private final Path project;
    private final Map<String, String> environment;

    private DbtProject(Path project, Map<String, String> environment) {
        this.project = project;
        this.environment = environment;
    }

    /** A fresh copy of the package under the repository's target directory, connecting to {@code database}. */
    static DbtProject copyFor(String database, int port, String user) {
        Path repository = repository();
        Path copy = repository.resolve("target/dbt-work").resolve(database);
        try {
            deleteRecursively(copy);
            copyTree(repository.resolve("dbt-pgstream"), copy.resolve("dbt-pgstream"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DbtProject(copy.resolve("dbt-pgstream/integration_tests"), Map.of(
                "PGHOST", "localhost", "PGPORT", Integer.toString(port), "PGUSER", user, "PGPASSWORD", "",
                "PGDATABASE", database, "DBT_USE_COLORS", "false", "PGSTREAM_DBT_VENV", repository.resolve("target/dbt-venv").toString()));
    }

    /** Runs {@code dbt <arguments>} in the integration project. */
    Run dbt(String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", project.resolve("scripts/dbt").toString()));
        command.addAll(List.of(arguments));
        // output goes to a file, not a pipe read to its end, so that a dbt that hangs is stopped by the timeout
        Path output = project.getParent().resolveSibling("dbt-output.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("dbt " + String.join(" ", arguments) + " did not finish in "
                        + TIMEOUT_MINUTES + " minutes:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Replaces a file of the integration project, such as {@code models/order_details.sql}. */
    void write(String file, String content) {
        try {
            Files.writeString(project.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String file) {
        try {
            return Files.readString(project.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root: the engine module's parent, where the build runs its tests. */
    private static Path repository() {
        Path engine = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path candidate : new Path[] {engine, engine.getParent()}) {
            if (candidate != null && Files.isDirectory(candidate.resolve("dbt-pgstream"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no dbt-pgstream/ in " + engine + " or its parent");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(path);
                if (relative.getNameCount() > 1 && NOT_COPIED.contains(relative.getName(1).toString())) {
                    continue;  // what dbt wrote into integration_tests/ when run by hand
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(each);
            }
        }
    }
}
