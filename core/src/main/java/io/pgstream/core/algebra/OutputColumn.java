package io.pgstream.core.algebra;

/** One column of the result: the stream table column {@code name} and the expression that fills it. */
public record OutputColumn(String name, String expression) {}
