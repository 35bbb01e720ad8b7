package io.pgstream.core.delta;

import static io.pgstream.core.delta.SourceState.DELTA;
import static io.pgstream.core.delta.SourceState.NEW;
import static io.pgstream.core.delta.SourceState.OLD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JoinDeltaTest {

    @Test
    void oneTermPerSourceTelescopingFromNewToOld() {
        List<SourceState[]> terms = JoinDelta.terms(3);
        assertEquals(3, terms.size());
        assertArrayEquals(new SourceState[] {DELTA, OLD, OLD}, terms.get(0));
        assertArrayEquals(new SourceState[] {NEW, DELTA, OLD}, terms.get(1));
        assertArrayEquals(new SourceState[] {NEW, NEW, DELTA}, terms.get(2));
    }

    @Test
    void aSingleSourceIsItsOwnDelta() {
        assertArrayEquals(new SourceState[] {DELTA}, JoinDelta.terms(1).getFirst());
    }
}
