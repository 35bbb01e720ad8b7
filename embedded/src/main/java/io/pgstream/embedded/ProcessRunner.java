package io.pgstream.embedded;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short-lived external commands (initdb, pg_ctl, useradd, ...) and captures their combined output. */
final class ProcessRunner {

    record Result(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private ProcessRunner() {
    }

    static Result run(List<String> command, Duration timeout) throws IOException {
        // Output goes to a file rather than a pipe so that a hung command cannot block us beyond the timeout.
        Path output = Files.createTempFile("pg-stream-embedded-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(new File("/")) // always reachable, whichever account the command runs as
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(output.toFile())
                    .redirectErrorStream(true);
            // PGDATA, PGPORT and friends would silently change what initdb, pg_ctl and postgres do.
            builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
            Process process = builder.start();
            if (!awaitExit(process, timeout, command)) {
                process.destroyForcibly();
                throw new IOException("Timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
            }
            String text = new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
            return new Result(process.exitValue(), text.strip());
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Runs the command and returns its output, or throws an IOException carrying that output if it failed. */
    static String runOrThrow(List<String> command, Duration timeout) throws IOException {
        Result result = run(command, timeout);
        if (!result.succeeded()) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + result.exitCode()
                    + (result.output().isEmpty() ? "" : ":\n" + result.output()));
        }
        return result.output();
    }

    private static boolean awaitExit(Process process, Duration timeout, List<String> command)
            throws InterruptedIOException {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new InterruptedIOException("Interrupted while waiting for " + String.join(" ", command));
        }
    }
}
