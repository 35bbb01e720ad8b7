package io.pgstream.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a long-running command stop cleanly on SIGINT or SIGTERM. The JVM runs shutdown hooks and then halts, so
 * the hook only tells the command to stop and waits (bounded) until the command has closed its resources on its
 * own thread. Interrupting the command's thread counts as a stop request too; tests stop commands that way.
 */
final class ShutdownSignal implements AutoCloseable {

    private static final Duration CLEANUP_LIMIT = Duration.ofSeconds(30);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "pg-stream-shutdown");
    private boolean interrupted;

    private ShutdownSignal() {}

    static ShutdownSignal install() {
        ShutdownSignal signal = new ShutdownSignal();
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    private void onShutdown() {
        requested.countDown();
        try {
            cleanedUp.await(CLEANUP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isRequested() {
        return requested.getCount() == 0;
    }

    /** Blocks until a stop is requested. */
    void await() {
        try {
            requested.await();
        } catch (InterruptedException e) {
            requestByInterrupt();
        }
    }

    /** Waits at most {@code timeout}; true when a stop was requested. */
    boolean await(Duration timeout) {
        try {
            return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            requestByInterrupt();
            return true;
        }
    }

    /** The interrupt is honoured by stopping; it is re-asserted once the command has cleaned up. */
    private void requestByInterrupt() {
        interrupted = true;
        requested.countDown();
    }

    /** Call when everything is closed: releases a waiting hook, or removes the hook when none ran. */
    @Override
    public void close() {
        cleanedUp.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running and has just been released
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
