package io.pgstream.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/** How numbers and durations read in the command line's output. */
final class Formats {

    private static final String NONE = "-";

    private Formats() {}

    /** 20,000 */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A count that may be unknown. */
    static String count(Long n) {
        return n == null ? NONE : count(n.longValue());
    }

    /** An estimate: ~20,000 */
    static String estimate(Long n) {
        return n == null ? NONE : "~" + count(n.longValue());
    }

    /** 1 row, 20,000 rows */
    static String rows(long n) {
        return count(n) + (n == 1 ? " row" : " rows");
    }

    /** 1,234,567.89 */
    static String amount(BigDecimal amount) {
        return amount == null ? NONE : String.format(Locale.ROOT, "%,.2f", amount);
    }

    /** A duration at the precision people care about: 0.4s, 6s, 12s, 3m05s, 2h03m, 4d02h. */
    static String duration(Duration d) {
        if (d == null) {
            return NONE;
        }
        long millis = Math.max(0, d.toMillis());
        if (millis < 10_000 && millis % 1000 != 0) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", seconds / 86_400, seconds % 86_400 / 3600);
    }

    /** 512 B, 12 kB, 3.4 MB, 1.2 GB (powers of 1024). */
    static String bytes(long n) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double value = n;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 || value >= 10 ? String.format(Locale.ROOT, "%.0f %s", value, units[unit])
                : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Elapsed time as a clock shows it: 0:07, 12:30, 1:02:03. */
    static String clock(Duration d) {
        long seconds = d.toSeconds();
        return seconds < 3600
                ? String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    }

    /** 38 ms */
    static String millis(Duration d) {
        return d == null ? NONE : count(d.toMillis()) + " ms";
    }

    /** Cuts text longer than {@code max} characters, marking the cut. */
    static String truncate(String text, int max) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 3) + "...";
    }
}
