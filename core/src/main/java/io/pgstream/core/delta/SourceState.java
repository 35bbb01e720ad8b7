package io.pgstream.core.delta;

/** Which version of a source a term of a delta reads. */
public enum SourceState {
    /** The table now, as the refresh's snapshot sees it: every row with weight +1. */
    NEW,
    /** The changes consumed by this refresh, as a Z-set. */
    DELTA,
    /** The table at the previous refresh: NEW minus DELTA, as a Z-set. */
    OLD
}
