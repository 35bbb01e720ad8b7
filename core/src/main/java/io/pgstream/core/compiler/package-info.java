/**
 * The query compiler: a stream table's query, as PostgreSQL analyzed it, in; a refresh plan out. The
 * pipeline is {@link io.pgstream.core.compiler.QueryTranslator} (analysis to algebra, or a reason it
 * cannot), the rewrites, then the plan writers (the DBSP rules of {@code io.pgstream.core.delta},
 * rendered as PostgreSQL statements). Pure Java: what only the server knows arrives in the request.
 */
package io.pgstream.core.compiler;
