/**
 * PostgreSQL's analyzed query, read from the node text of {@code pg_rewrite.ev_action} into typed
 * records: the query's range table, join tree, targets and clauses, and its expressions with every
 * operator, function, type and cast resolved; constants decoded from their datums. What the catalog
 * says of the objects it refers to arrives as a {@link io.pgstream.core.analyzed.Catalog}. Pure Java:
 * must not touch JDBC, nor decide what is differentiable (the compiler does).
 */
package io.pgstream.core.analyzed;
