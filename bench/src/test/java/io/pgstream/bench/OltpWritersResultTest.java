package io.pgstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** What the writers report from the latencies they kept: no server needed. */
class OltpWritersResultTest {

    @Test
    void roundsAddUpAndTheP99IsTheNearestRank() {
        // 1..100 µs over two rounds of half a second each
        OltpWriters.Result first = new OltpWriters.Result(LongStream.rangeClosed(1, 50).map(us -> us * 1000).toArray(), 0.5);
        OltpWriters.Result second = new OltpWriters.Result(LongStream.rangeClosed(51, 100).map(us -> us * 1000).toArray(), 0.5);
        OltpWriters.Result both = first.plus(second);
        assertEquals(100, both.transactions());
        assertEquals(100.0, both.tps());
        assertEquals(50.5, both.meanLatencyMicros(), 1e-9);
        assertEquals(99.0, both.latencyPercentileMicros(0.99), 1e-9);
        assertEquals(100.0, both.latencyPercentileMicros(1.0), 1e-9);
    }
}
