package io.pgstream.core.compiler;

import java.util.Set;

/**
 * What PostgreSQL knows of a query and the parser cannot be trusted to find: read by the engine from
 * the query's parse tree (the rewrite rule of the temporary view that validated it).
 *
 * @param hasAggregates      the query aggregates (PostgreSQL's own flag: an aggregate anywhere in it)
 * @param aggregateFunctions names (lower case, unqualified) of the aggregate functions it calls
 */
public record QueryFacts(boolean hasAggregates, boolean hasSubLinks, boolean hasWindowFunctions,
                         boolean hasSetReturningFunctions, boolean hasDistinctOn, Set<String> aggregateFunctions) {

    public QueryFacts {
        aggregateFunctions = Set.copyOf(aggregateFunctions);
    }

    /** A query without subqueries, window or set-returning functions, calling these aggregates. */
    public static QueryFacts plain(Set<String> aggregateFunctions) {
        return new QueryFacts(!aggregateFunctions.isEmpty(), false, false, false, false, aggregateFunctions);
    }
}
