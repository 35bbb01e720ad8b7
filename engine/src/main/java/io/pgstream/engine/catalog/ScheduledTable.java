package io.pgstream.engine.catalog;

import io.pgstream.core.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * What the scheduler knows of one stream table.
 *
 * @param effectiveInterval how often it refreshes, as the extension derived it (for {@code calculated})
 * @param lastRefreshAt     start of the last refresh attempt (null: never refreshed)
 * @param planPending       its differential plan is still to be compiled
 * @param upstream          the stream tables it reads directly
 */
public record ScheduledTable(long id, String name, Schedule schedule, Duration effectiveInterval, String status,
                             Instant lastRefreshAt, boolean planPending, Set<Long> upstream) {

    public ScheduledTable {
        upstream = Set.copyOf(upstream);
    }

    /** Suspended stream tables are not refreshed; failed ones are retried on their schedule. */
    public boolean schedulable() {
        return !status.equals("suspended");
    }

    public Instant nextDue() {
        return schedule.nextDue(lastRefreshAt, effectiveInterval);
    }

    public ScheduledTable refreshedAt(Instant startedAt) {
        return new ScheduledTable(id, name, schedule, effectiveInterval, status, startedAt, planPending, upstream);
    }
}
