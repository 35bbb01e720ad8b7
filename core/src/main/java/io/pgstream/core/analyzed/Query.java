package io.pgstream.core.analyzed;

import java.util.List;

/**
 * A query as PostgreSQL analyzed it (its {@code Query} node), with what the compiler reads of it.
 * Range-table indexes count from 1, as PostgreSQL's do. {@code refusals} names what the query has that
 * the compiler does not read at all (locking, ...). {@code groupingSets} lists the
 * grouping sets of GROUPING SETS, ROLLUP or CUBE expanded (each the sort-group references of its keys),
 * empty for a plain GROUP BY.
 */
public record Query(List<Cte> ctes, List<RangeEntry> rangeTable, List<FromItem> from, Expr where,
                    List<Target> targets, List<SortGroup> groupBy, List<List<Integer>> groupingSets, Expr having,
                    List<SortGroup> distinct, boolean distinctOn, List<SortGroup> orderBy, Expr limit, Expr offset, SetOperation setOperation,
                    boolean hasAggregates, List<String> refusals) {

    public Query {
        ctes = List.copyOf(ctes);
        rangeTable = List.copyOf(rangeTable);
        from = List.copyOf(from);
        targets = List.copyOf(targets);
        groupBy = List.copyOf(groupBy);
        groupingSets = groupingSets.stream().map(List::copyOf).toList();
        distinct = List.copyOf(distinct);
        orderBy = List.copyOf(orderBy);
        refusals = List.copyOf(refusals);
    }

    /** This query with another WHERE. */
    public Query withWhere(Expr condition) {
        return new Query(ctes, rangeTable, from, condition, targets, groupBy, groupingSets, having, distinct, distinctOn, orderBy,
                limit, offset, setOperation, hasAggregates, refusals);
    }

    /** This query with other WHERE, target entries and GROUP BY. */
    public Query with(Expr condition, List<Target> otherTargets, List<SortGroup> otherGroupBy) {
        return new Query(ctes, rangeTable, from, condition, otherTargets, otherGroupBy, groupingSets, having, distinct, distinctOn,
                orderBy, limit, offset, setOperation, hasAggregates, refusals);
    }

    /** This query without its LIMIT and OFFSET, with other target entries. */
    public Query unlimited(List<Target> otherTargets) {
        return new Query(ctes, rangeTable, from, where, otherTargets, groupBy, groupingSets, having, distinct, distinctOn,
                orderBy, null, null, setOperation, hasAggregates, refusals);
    }

    /**
     * Every target entry as an output (ORDER BY's junk ones too), named {@code column<position>}: the rows a
     * DISTINCT ON or a LIMIT picks from.
     */
    public List<Target> everyTargetShown() {
        List<Target> shown = new java.util.ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            shown.add(new Target(target.expr(), "column" + (i + 1), target.sortGroupRef(), false));
        }
        return shown;
    }

    /** This query without DISTINCT ON, with other target entries. */
    public Query withoutDistinctOn(List<Target> otherTargets) {
        return new Query(ctes, rangeTable, from, where, otherTargets, groupBy, groupingSets, having, List.of(), false, orderBy,
                limit, offset, setOperation, hasAggregates, refusals);
    }

    /** The range-table entry at a 1-based index. */
    public RangeEntry entry(int index) {
        return rangeTable.get(index - 1);
    }

    /** The non-junk outputs, in order. */
    public List<Target> outputs() {
        return targets.stream().filter(t -> !t.junk()).toList();
    }

    /** The target entry a GROUP BY, DISTINCT or ORDER BY item refers to. */
    public Target target(SortGroup item) {
        return targets.stream().filter(t -> t.sortGroupRef() == item.targetRef()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no target entry " + item.targetRef()));
    }

    /** A WITH query. */
    public record Cte(String name, Query query, boolean recursive, String materialized) {}

    /** An output of the query (or an entry kept only for ORDER BY/GROUP BY, {@code junk}). */
    public record Target(Expr expr, String name, int sortGroupRef, boolean junk) {}

    /** A GROUP BY, DISTINCT or ORDER BY item: a target entry, its equality and ordering operators. */
    public record SortGroup(int targetRef, long equality, long sortOperator, boolean nullsFirst) {}

    /** An entry of the range table: what a FROM item, join or group refers to. */
    public sealed interface RangeEntry {
        /** The name the query refers to it by (an alias, or the table name). */
        String alias();

        /** Its columns' names. */
        List<String> columns();
    }

    /** A table, partitioned table or view (views arrive already expanded by the rewriter as subqueries). */
    public record Relation(long relid, String relkind, String alias, List<String> columns) implements RangeEntry {}

    /** A subquery in FROM (a derived table, a UNION branch or an expanded view). */
    public record Subquery(Query query, boolean lateral, String alias, List<String> columns) implements RangeEntry {}

    /** A join's own entry: its columns are {@code aliasVars} of its inputs. */
    public record Join(String type, List<Expr> aliasVars, String alias, List<String> columns) implements RangeEntry {}

    /** A reference to a WITH query, {@code levelsUp} query levels out. */
    public record CteReference(String name, int levelsUp, String alias, List<String> columns) implements RangeEntry {}

    /** VALUES in FROM: rows of expressions (constants, as PostgreSQL coerced them to the columns' types). */
    public record Values(List<List<Expr>> rows, String alias, List<String> columns) implements RangeEntry {
        public Values {
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /**
     * Functions in FROM ({@code f(...)}, {@code ROWS FROM (f(...), g(...))}), {@code WITH ORDINALITY} or not:
     * the columns are the calls' columns in order, then the ordinality. (LATERAL is implied: a function's
     * arguments may read the FROM items before it.)
     */
    public record Function(List<FunctionCall> calls, boolean ordinality, String alias, List<String> columns)
            implements RangeEntry {
        public Function {
            calls = List.copyOf(calls);
        }
    }

    /**
     * One call of a {@link Function} entry: its expression and, for a function returning {@code record}, the
     * column definition list ({@code AS (k int, v text)}: names, types and collations, else empty).
     */
    public record FunctionCall(Expr call, List<String> definedNames, List<Expr.Type> definedTypes,
                               List<Long> definedCollations) {
        public FunctionCall {
            definedNames = List.copyOf(definedNames);
            definedTypes = List.copyOf(definedTypes);
            definedCollations = List.copyOf(definedCollations);
        }
    }

    /** PostgreSQL 18's entry for the grouped columns: column i is {@code expressions.get(i - 1)}. */
    public record Group(List<Expr> expressions, String alias, List<String> columns) implements RangeEntry {}

    /** An entry kind the compiler does not read (a function, VALUES, a table function, ...), named. */
    public record OtherEntry(String kind, String alias, List<String> columns) implements RangeEntry {}

    /** An item of the FROM clause: a range-table reference or a join of two items. */
    public sealed interface FromItem {}

    public record EntryRef(int index) implements FromItem {}

    /** {@code left type JOIN right ON condition}; {@code index} is its own range-table entry. */
    public record JoinItem(String type, FromItem left, FromItem right, Expr condition, int index) implements FromItem {}

    /** A UNION, INTERSECT or EXCEPT tree over subquery entries. */
    public sealed interface SetOperation {}

    public record Branch(int index) implements SetOperation {}

    public record Combine(String operation, boolean all, SetOperation left, SetOperation right) implements SetOperation {}
}
