package io.pgstream.engine;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * One component's lost connection, as the log tells it: the loss in one warning, the failed attempts to
 * reconnect after it only at debug level, and the recovery in one line. Attempts back off from
 * {@link #FIRST_RETRY} to {@link #LONGEST_RETRY}, so that a server down for long is not hammered, while one
 * that restarts in seconds is found again within a few.
 */
public final class Outage {

    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(4);

    private final Logger log;
    private final String component;
    private Instant since;
    private Duration nextRetry = FIRST_RETRY;

    /** {@code component} names who lost the connection in the log lines, e.g. "the catalog listener". */
    public Outage(Logger log, String component) {
        this.log = log;
        this.component = component;
    }

    /** {@link #lost(String, Throwable, String)} by the component itself. */
    public Duration lost(Throwable failure, String consequence) {
        return lost(component, failure, consequence);
    }

    /**
     * Records that {@code who} (the component, or a task of it) lost its connection, or still cannot make one;
     * {@code consequence} says what happens meanwhile. Returns how long to wait before the next attempt.
     */
    public synchronized Duration lost(String who, Throwable failure, String consequence) {
        if (since == null) {
            since = Instant.now();
            log.warn("{} lost its connection ({}); {}", who, Failures.brief(failure), consequence);
        } else {
            log.debug("{} still cannot connect: {}", who, Failures.brief(failure));
        }
        Duration wait = nextRetry;
        nextRetry = nextRetry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : nextRetry.multipliedBy(2);
        return wait;
    }

    /** Records that the connection works: ends the outage, if any, in one line. */
    public synchronized void connected() {
        if (since != null) {
            log.info("{} is connected again after {} ms", component, Duration.between(since, Instant.now()).toMillis());
            since = null;
        }
        nextRetry = FIRST_RETRY;
    }
}
