package io.pgstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.cli.DemoSchema.StreamTableDefinition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The demo end to end, as CI runs it: without a terminal, so with plain blocks instead of redrawing. */
class DemoCommandTest {

    @Test
    void runsAWorkloadAndVerifiesEveryStreamTable() {
        long start = System.nanoTime();
        Cli result = Cli.run("demo", "--duration", "6s");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("pg-stream demo --duration 6s took " + took.toMillis() + " ms:\n" + result.out());

        assertEquals(0, result.exitCode(), result::toString);
        String out = result.out();
        assertTrue(out.contains("installed pg_stream 0.2.0"), out);
        assertTrue(out.contains("loaded 1,000 customers, 200 products and 20,000 orders"), out);
        assertTrue(out.contains("▸ the engine caught up "), out);
        assertTrue(out.matches("(?s).*orders_per_minute +calculated: every 00:00:05 \\(from dependent public.customer_dashboard\\).*"),
                out);
        assertTrue(out.contains("▸ hourly_revenue refreshes on a longer schedule: refreshed by hand for the check"), out);
        assertTrue(out.matches("(?s).*writers stopped at 0:06 after [1-9][0-9,]* transactions \\([0-9]+/s\\), "
                + "0 failed.*"), out);
        for (StreamTableDefinition table : DemoSchema.STREAM_TABLES) {
            assertTrue(out.matches("(?s).*\n    ✓ " + table.name() + ": [1-9][0-9,]* rows equal to its query\n.*"),
                    () -> table.name() + " not verified in\n" + out);
        }
        assertTrue(out.contains("▸ every stream table is refreshed differentially"), out);
        assertTrue(out.contains("▸ changes decoded from the WAL, each source moved from capture triggers by itself: "
                + "public.customers, public.orders, public.products\n"), out);
        assertTrue(out.endsWith("▸ PostgreSQL stopped\n"), out);
        assertTrue(!out.contains("\u001b["), "no terminal, so no cursor movement");
    }
}
