/** Quoting of PostgreSQL identifiers and literals: the one place where names and values become SQL text. */
package io.pgstream.core.sql;
