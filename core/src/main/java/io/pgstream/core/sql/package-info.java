/**
 * The one place where names, values and analyzed expressions become SQL text: identifier and literal
 * quoting ({@link io.pgstream.core.sql.Sql}) and the expression renderer
 * ({@link io.pgstream.core.sql.ExprRenderer}).
 */
package io.pgstream.core.sql;
