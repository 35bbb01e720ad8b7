package io.pgstream.cli;

import io.pgstream.core.schedule.Schedule;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Reads durations such as {@code 2s} or {@code 1m30s}, as schedules write them. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return Schedule.parseDuration(value);
    }
}
