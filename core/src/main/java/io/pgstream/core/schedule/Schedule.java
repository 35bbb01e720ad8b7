package io.pgstream.core.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a stream table is due for refresh. The forms are the ones {@code pgstream._check_schedule}
 * accepts: {@code calculated}, a duration made of number-unit pairs ({@code 30s}, {@code 1h30m}), a
 * cron alias ({@code @hourly}) or a 5-field cron expression.
 */
public sealed interface Schedule {

    /**
     * The next time a refresh is due, given the start of the last one (null: never refreshed) and the
     * interval the extension derived for a calculated schedule.
     */
    Instant nextDue(Instant lastRefresh, Duration derivedInterval);

    /**
     * The refresh interval is derived from the stream tables that read this one (the tightest of theirs), or
     * a setting when none does; the extension computes it ({@code pgstream.stream_table.effective_interval}).
     */
    record Calculated() implements Schedule {
        @Override
        public Instant nextDue(Instant lastRefresh, Duration derivedInterval) {
            return lastRefresh == null ? Instant.EPOCH : lastRefresh.plus(derivedInterval);
        }

        @Override
        public String toString() {
            return "calculated";
        }
    }

    /** A fixed interval between refresh starts. */
    record Every(Duration interval) implements Schedule {
        public Every {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("a schedule interval must be positive: " + interval);
            }
        }

        @Override
        public Instant nextDue(Instant lastRefresh, Duration derivedInterval) {
            return lastRefresh == null ? Instant.EPOCH : lastRefresh.plus(interval);
        }
    }

    /** A 5-field cron expression, evaluated in the engine's time zone. */
    record Cron(String expression, ExecutionTime executionTime, ZoneId zone) implements Schedule {
        @Override
        public Instant nextDue(Instant lastRefresh, Duration derivedInterval) {
            if (lastRefresh == null) {
                return Instant.EPOCH;
            }
            return executionTime.nextExecution(ZonedDateTime.ofInstant(lastRefresh, zone))
                    .map(ZonedDateTime::toInstant)
                    .orElse(Instant.MAX);
        }

        @Override
        public String toString() {
            return expression;
        }
    }

    Pattern DURATION = Pattern.compile("(?:[0-9]+[smhd])+");
    Pattern DURATION_PART = Pattern.compile("([0-9]+)([smhd])");
    Map<String, String> CRON_ALIASES = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    CronParser CRON_PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /** Parses a schedule as stored in the catalog; throws {@link IllegalArgumentException} naming the problem. */
    static Schedule parse(String text) {
        return parse(text, ZoneId.systemDefault());
    }

    static Schedule parse(String text, ZoneId zone) {
        Objects.requireNonNull(text, "schedule");
        String normalized = text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (normalized.equals("calculated")) {
            return new Calculated();
        }
        if (DURATION.matcher(normalized).matches()) {
            return new Every(parseDuration(normalized));
        }
        String cron = CRON_ALIASES.getOrDefault(normalized, normalized);
        if (cron.split(" ").length == 5) {
            try {
                return new Cron(text.strip(), ExecutionTime.forCron(CRON_PARSER.parse(cron)), zone);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid cron schedule \"" + text + "\": " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("invalid schedule \"" + text
                + "\": use 'calculated', a duration such as '30s', '5m', '1h' or '1d', or a 5-field cron expression");
    }

    /** Parses a duration such as {@code 30s} or {@code 1h30m}. */
    static Duration parseDuration(String text) {
        String normalized = text.strip().toLowerCase(Locale.ROOT);
        if (!DURATION.matcher(normalized).matches()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\": use for example 30s, 5m, 1h or 1d");
        }
        Duration total = Duration.ZERO;
        Matcher part = DURATION_PART.matcher(normalized);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        if (total.isZero()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\": it must be positive");
        }
        return total;
    }
}
