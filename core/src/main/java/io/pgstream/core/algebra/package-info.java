/**
 * The operator algebra: immutable records under one sealed interface. Expressions are PostgreSQL's
 * analyzed expressions ({@link io.pgstream.core.analyzed.Expr}), their columns qualified by the alias
 * of the input they read; an alias names its input in every state (now, delta, before the changes),
 * so an expression never needs rewriting when a source is replaced by its delta or its old state.
 * Must not render statements.
 */
package io.pgstream.core.algebra;
