package io.pgstream.engine.catalog;

import io.pgstream.core.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;

/**
 * What the scheduler knows of one stream table.
 *
 * @param lastRefreshAt start of the last refresh attempt (null: never refreshed)
 * @param planPending   its differential plan is still to be compiled
 */
public record ScheduledTable(long id, String name, Schedule schedule, String status, Instant lastRefreshAt,
                             boolean planPending) {

    /** Suspended stream tables are not refreshed; failed ones are retried on their schedule. */
    public boolean schedulable() {
        return !status.equals("suspended");
    }

    public Instant nextDue(Duration calculatedInterval) {
        return schedule.nextDue(lastRefreshAt, calculatedInterval);
    }

    public ScheduledTable refreshedAt(Instant startedAt) {
        return new ScheduledTable(id, name, schedule, status, startedAt, planPending);
    }
}
