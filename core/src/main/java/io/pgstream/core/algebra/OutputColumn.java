package io.pgstream.core.algebra;

import io.pgstream.core.analyzed.Expr;

/** One column of the result: the stream table column {@code name} and the expression that fills it. */
public record OutputColumn(String name, Expr expression) {}
