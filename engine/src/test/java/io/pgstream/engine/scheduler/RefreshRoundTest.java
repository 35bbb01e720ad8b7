package io.pgstream.engine.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgstream.core.schedule.Schedule;
import io.pgstream.engine.catalog.ScheduledTable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshRoundTest {

    /** 1 is read by 2 and 3, which 4 reads; 5 reads 1 too; 6 stands alone. */
    private final Map<Long, ScheduledTable> tables = new HashMap<>();

    RefreshRoundTest() {
        table(1);
        table(2, 1L);
        table(3, 1L);
        table(4, 2L, 3L);
        table(5, 1L);
        table(6);
    }

    @Test
    void aRoundHoldsTheDueTableAndEverythingItReads() {
        assertEquals(List.of(new RefreshRound(Set.of(4L), Set.of(1L, 2L, 3L, 4L))), RefreshRound.plan(List.of(4L), tables));
        assertEquals(List.of(new RefreshRound(Set.of(6L), Set.of(6L))), RefreshRound.plan(List.of(6L), tables));
    }

    @Test
    void roundsSharingAnUpstreamTableMerge() {
        assertEquals(List.of(new RefreshRound(Set.of(2L, 5L), Set.of(1L, 2L, 5L))), RefreshRound.plan(List.of(2L, 5L), tables));
        assertEquals(List.of(new RefreshRound(Set.of(6L), Set.of(6L)), new RefreshRound(Set.of(1L, 4L), Set.of(1L, 2L, 3L, 4L))),
                RefreshRound.plan(List.of(1L, 6L, 4L), tables));
    }

    private void table(long id, Long... upstream) {
        tables.put(id, new ScheduledTable(id, "t" + id, new Schedule.Calculated(), Duration.ofSeconds(1), "active",
                null, false, Set.of(upstream)));
    }
}
