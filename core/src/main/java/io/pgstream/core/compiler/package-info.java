/**
 * The query compiler: a stream table's query, as PostgreSQL analyzed it, in; a refresh plan out.
 *
 * <p>The pipeline: {@link io.pgstream.core.compiler.QueryTranslator} reads the analysis into the algebra
 * (with {@link io.pgstream.core.compiler.Decorrelation} turning subqueries into joins), the rewrites of
 * {@code io.pgstream.core.rewrite} simplify it, and the DBSP rules (Budiu et al., VLDB 2023) write each
 * operator's states as SQL, composed from its inputs' ({@link io.pgstream.core.compiler.States}: one
 * class per operator family, each stating its identity). A plan writer then applies the query's delta to
 * the stored table: as a bag, as a DISTINCT (a count per row), as a grouped aggregate (counters per
 * group, {@link io.pgstream.core.compiler.AggregateMaintenance}) or as a TopK (the rows within the limit,
 * over a state table holding the input). Operators whose delta needs their old rows kept (a TopK's input,
 * a recursion's rows) keep them in state tables the plan lists, maintained by the same statement. Pure
 * Java: what only the server knows arrives in the request.
 */
package io.pgstream.core.compiler;
