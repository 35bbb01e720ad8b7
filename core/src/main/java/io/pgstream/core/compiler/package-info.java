/**
 * The query compiler: a stream table's query, normalized by PostgreSQL, in; a refresh plan out. The
 * pipeline is {@link io.pgstream.core.compiler.QueryTranslator} (SQL to algebra, or a reason it cannot),
 * then {@link io.pgstream.core.compiler.PlanWriter} (the DBSP rules of {@code io.pgstream.core.delta},
 * rendered as PostgreSQL statements). Pure Java: what only the server knows arrives in the request.
 */
package io.pgstream.core.compiler;
