package io.pgstream.core.compiler;

/** The query uses a construct this version cannot refresh differentially; the message names it. */
public final class NotDifferentiableException extends Exception {

    public NotDifferentiableException(String construct) {
        super(construct);
    }
}
