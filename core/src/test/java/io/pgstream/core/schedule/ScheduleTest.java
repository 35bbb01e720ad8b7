package io.pgstream.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:07:30Z");
    private static final Duration DEFAULT = Duration.ofMinutes(1);

    @Test
    void durationsAddUp() {
        assertEquals(Duration.ofSeconds(1), Schedule.parseDuration("1s"));
        assertEquals(Duration.ofMinutes(5), Schedule.parseDuration("5m"));
        assertEquals(Duration.ofMinutes(90), Schedule.parseDuration("1h30m"));
        assertEquals(Duration.ofDays(1), Schedule.parseDuration("1D"));
    }

    @Test
    void intervalScheduleIsDueOneIntervalAfterTheLastStart() {
        Schedule every = Schedule.parse(" 30s ");
        assertEquals(new Schedule.Every(Duration.ofSeconds(30)), every);
        assertEquals(T0.plusSeconds(30), every.nextDue(T0, DEFAULT));
    }

    @Test
    void neverRefreshedIsDueAtOnce() {
        assertEquals(Instant.EPOCH, Schedule.parse("5m").nextDue(null, DEFAULT));
        assertEquals(Instant.EPOCH, Schedule.parse("calculated").nextDue(null, DEFAULT));
    }

    @Test
    void calculatedUsesTheSetting() {
        Schedule calculated = Schedule.parse("CALCULATED");
        assertInstanceOf(Schedule.Calculated.class, calculated);
        assertEquals(T0.plus(DEFAULT), calculated.nextDue(T0, DEFAULT));
    }

    @Test
    void cronIsDueAtItsNextMatchingMinute() {
        Schedule cron = Schedule.parse("*/5 * * * *", ZoneOffset.UTC);
        assertEquals(Instant.parse("2026-11-24T10:10:00Z"), cron.nextDue(T0, DEFAULT));
        Schedule weekdays = Schedule.parse("0 9 * * mon-fri", ZoneOffset.UTC);
        // 2026-11-24 is a Tuesday: next 09:00 on a weekday is Wednesday
        assertEquals(Instant.parse("2026-11-25T09:00:00Z"), weekdays.nextDue(T0, DEFAULT));
    }

    @Test
    void cronAliases() {
        assertEquals(Instant.parse("2026-11-24T11:00:00Z"), Schedule.parse("@hourly", ZoneOffset.UTC).nextDue(T0, DEFAULT));
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), Schedule.parse("@daily", ZoneOffset.UTC).nextDue(T0, DEFAULT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0s", "5 minutes", "5x", "-5s", "* * * *", "61 * * * *", "* * * * 8", "every minute"})
    void invalidSchedulesAreRejectedWithTheirText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedule.parse(text));
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
    }
}
