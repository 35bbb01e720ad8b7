package io.pgstream.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgstream.engine.testing.LogCapture;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A lost connection is one warning however many attempts fail, and the attempts back off. */
class OutageTest {

    private final SQLException refused = new SQLException("Connection refused", "08001");

    @Test
    void warnsOnceAndBacksOffUntilConnectedAgain() {
        Outage outage = new Outage(LoggerFactory.getLogger(OutageTest.class), "the listener");
        try (LogCapture log = new LogCapture()) {
            List<Duration> waits = List.of(outage.lost(refused, "polling"), outage.lost(refused, "polling"),
                    outage.lost(refused, "polling"), outage.lost(refused, "polling"), outage.lost(refused, "polling"));
            assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                    Duration.ofSeconds(4), Duration.ofSeconds(4)), waits);
            assertEquals(List.of("the listener lost its connection (Connection refused); polling"),
                    log.lines().stream().map(LogCapture.Line::message).toList());

            outage.connected();
            assertEquals(Duration.ofMillis(500), outage.lost("a refresh of [t]", refused, "it runs again"));
            assertEquals(2, log.lines().size(), "a new outage warns again");
            assertEquals("a refresh of [t] lost its connection (Connection refused); it runs again",
                    log.lines().get(1).message());
        }
    }
}
