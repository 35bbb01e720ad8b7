/**
 * The operator algebra: immutable records under one sealed interface. Expressions are PostgreSQL SQL
 * text exactly as PostgreSQL normalized them; table aliases are kept, so an expression never needs
 * rewriting when a source is replaced by its delta or its old state. Must not render statements.
 */
package io.pgstream.core.algebra;
