package io.pgstream.engine.testing;

import java.time.Duration;
import java.time.Instant;

/** Polls a condition until it holds or a deadline passes. */
public final class Await {

    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {}

    public static void until(Duration timeout, String what, Condition condition) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
