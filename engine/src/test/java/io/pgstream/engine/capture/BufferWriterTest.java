package io.pgstream.engine.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** pgoutput sends 32-bit xids; the buffers hold 64-bit ones, widened around a known xid. */
class BufferWriterTest {

    @ParameterizedTest(name = "xid {0} near {1} is {2}")
    @CsvSource({
            "900, 1000, 900",                            // older, same epoch
            "1100, 1000, 1100",                          // newer: began after the writer's transaction
            "4294967290, 4294967306, 4294967290",        // older, in the previous epoch (4294967306 = epoch 1, xid 10)
            "5, 4294967290, 4294967301",                 // newer, in the next epoch
            "4294967295, 8589934592, 8589934591"})       // just before an epoch boundary
    void widensAroundTheNearestEpoch(long xid, long reference, long expected) {
        assertEquals(expected, BufferWriter.widenXid(xid, reference));
    }
}
