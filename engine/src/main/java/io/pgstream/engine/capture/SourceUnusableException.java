package io.pgstream.engine.capture;

/** What the WAL carries for one source cannot be buffered correctly: that source must go back to triggers. */
final class SourceUnusableException extends RuntimeException {

    private final int relationId;

    SourceUnusableException(int relationId, String reason) {
        super(reason);
        this.relationId = relationId;
    }

    int relationId() {
        return relationId;
    }
}
