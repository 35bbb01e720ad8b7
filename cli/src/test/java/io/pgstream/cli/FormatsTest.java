package io.pgstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgstream.cli.TextTable.Column;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void durationsReadAtAUsefulPrecision() {
        assertEquals("-", Formats.duration(null));
        assertEquals("0.4s", Formats.duration(Duration.ofMillis(420)));
        assertEquals("6s", Formats.duration(Duration.ofSeconds(6)));
        assertEquals("12s", Formats.duration(Duration.ofMillis(12_900)));
        assertEquals("3m05s", Formats.duration(Duration.ofSeconds(185)));
        assertEquals("2h03m", Formats.duration(Duration.ofMinutes(123)));
        assertEquals("4d02h", Formats.duration(Duration.ofHours(98)));
        assertEquals("0:07", Formats.clock(Duration.ofMillis(7_800)));
        assertEquals("1:02:03", Formats.clock(Duration.ofSeconds(3723)));
        assertEquals("1,234 ms", Formats.millis(Duration.ofMillis(1234)));
    }

    @Test
    void numbersAreGrouped() {
        assertEquals("20,000", Formats.count(20_000));
        assertEquals("1 row", Formats.rows(1));
        assertEquals("0 rows", Formats.rows(0));
        assertEquals("1,234,567.89", Formats.amount(new BigDecimal("1234567.891")));
        assertEquals("~20,000", Formats.estimate(20_000L));
        assertEquals("-", Formats.estimate(null));
    }

    @Test
    void byteCountsInPowersOf1024() {
        assertEquals("512 B", Formats.bytes(512));
        assertEquals("1.5 kB", Formats.bytes(1536));
        assertEquals("12 kB", Formats.bytes(12 * 1024 + 100));
        assertEquals("3.4 MB", Formats.bytes(3_565_158));
        assertEquals("1.0 GB", Formats.bytes(1L << 30));
    }

    @Test
    void truncationKeepsOneLine() {
        assertEquals("a b c", Formats.truncate("a\n b\tc", 10));
        assertEquals("abcdefg...", Formats.truncate("abcdefghijklmnop", 10));
        assertEquals("", Formats.truncate(null, 10));
    }

    @Test
    void tablesAlignTextLeftAndNumbersRight() {
        List<String> lines = new TextTable(Column.left("NAME"), Column.right("ROWS"), Column.left("NOTE"))
                .row("revenue", "1,234", "")
                .row("x", "5", "ok")
                .lines();
        assertEquals(List.of(
                "NAME      ROWS  NOTE",
                "revenue  1,234",
                "x            5  ok"), lines);
    }
}
