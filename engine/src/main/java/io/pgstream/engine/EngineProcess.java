package io.pgstream.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * An engine in a process of its own, for the drills that kill it with SIGKILL (the test suite's and
 * {@code pg-stream bench kill}): {@code EngineProcess <jdbc url>}, two refresh threads, polling every 300 ms.
 */
public final class EngineProcess {

    private EngineProcess() {}

    public static void main(String[] args) throws Exception {
        try (Engine engine = Engine.start(new EngineConfig(List.of(args[0]), 2, Duration.ofMillis(300)))) {
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Starts one with this JVM's class path; its output is discarded. */
    public static Process start(String jdbcUrl) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                EngineProcess.class.getName(), jdbcUrl)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
