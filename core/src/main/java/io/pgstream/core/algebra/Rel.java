package io.pgstream.core.algebra;

import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.sql.ExprRenderer;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A relational operator over arbitrary inputs. Expressions read the columns of an operator's inputs as
 * {@link Expr.Column}s: a scan's columns are qualified by its alias, a derived table's by its name, and
 * a projection's outputs (unqualified) are what a query returns.
 */
public sealed interface Rel {

    /** One occurrence of a source table under an alias (a self join has two scans of one table). */
    record Scan(TableName table, String alias) implements Rel {
        public Scan {
            Objects.requireNonNull(table);
            Objects.requireNonNull(alias);
        }
    }

    /** How a join combines its inputs. SEMI and ANTI keep the left input's columns only. */
    enum JoinKind { INNER, LEFT, RIGHT, FULL, SEMI, ANTI }

    /** A join of two inputs; the condition is null for a cross join. */
    record Join(Rel left, Rel right, JoinKind kind, Expr condition) implements Rel {
        public Join {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
            Objects.requireNonNull(kind);
        }
    }

    /** Rows of the input satisfying a condition; over an aggregate, groups satisfying HAVING. */
    record Filter(Rel input, Expr condition) implements Rel {
        public Filter {
            Objects.requireNonNull(input);
            Objects.requireNonNull(condition);
        }
    }

    /** Output columns: each an expression and the column it fills. */
    record Project(Rel input, List<OutputColumn> columns) implements Rel {
        public Project {
            columns = List.copyOf(columns);
        }
    }

    /** GROUP BY keys (none for a whole-table aggregate) and the aggregate calls; always under a projection. */
    record Aggregate(Rel input, List<Expr> groupKeys, List<AggregateCall> calls) implements Rel {
        public Aggregate {
            groupKeys = List.copyOf(groupKeys);
            calls = List.copyOf(calls);
        }
    }

    /**
     * The bag union of inputs with the same number of columns, named after the first input's (as SQL
     * names a UNION's columns); a row occurs as often as in all inputs together.
     */
    record UnionAll(List<Rel> inputs) implements Rel {
        public UnionAll {
            inputs = List.copyOf(inputs);
            if (inputs.size() < 2) {
                throw new IllegalArgumentException("a union has at least two inputs");
            }
        }
    }

    /** INTERSECT or EXCEPT, of sets or (ALL) of bags; rows compare with NULLs equal, columns named after the left's. */
    record Combine(Rel left, Rel right, boolean except, boolean all) implements Rel {
        public Combine {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    /** Each distinct row of the input once: SQL's DISTINCT, NULLs equal to NULLs. */
    record Distinct(Rel input) implements Rel {
        public Distinct {
            Objects.requireNonNull(input);
        }
    }

    /**
     * Window function calls over one partitioning: the input's columns, then one column per call,
     * {@code alias.name} of its {@link OutputColumn}. Every call is partitioned by {@code partitionKeys}
     * (none: the whole input is one partition); each has its own ORDER BY and frame. Calls partitioned
     * differently are Window operators stacked on one another.
     */
    record Window(Rel input, String alias, List<Expr> partitionKeys, List<OutputColumn> calls) implements Rel {
        public Window {
            Objects.requireNonNull(input);
            Objects.requireNonNull(alias);
            partitionKeys = List.copyOf(partitionKeys);
            calls = List.copyOf(calls);
            for (OutputColumn call : calls) {
                if (!(call.expression() instanceof Expr.WindowCall window) || !window.over().partition().equals(partitionKeys)) {
                    throw new IllegalArgumentException("a window of another partitioning: " + call);
                }
            }
        }
    }

    /** Constant rows (VALUES, or the one empty row a query without FROM reads): no change ever reaches them. */
    record Values(List<List<Expr>> rows, String alias, List<String> names) implements Rel {
        public Values {
            rows = rows.stream().map(List::copyOf).toList();
            names = List.copyOf(names);
        }
    }

    /**
     * Functions in FROM applied to each row of the input, a flat map: the row joined to each row the calls
     * yield for it ({@code ROWS FROM}: side by side, the shorter padded with NULLs; {@code ordinality}: a row
     * number after them) that satisfies the condition (null: every one), or, when {@code outer} (LEFT JOIN
     * LATERAL), kept once with NULLs when none does. The calls read the input's columns only; the
     * functions' columns are {@code alias.name}. Functions reading no column stand over the one empty row
     * of {@link Values}, and are constant.
     */
    record Lateral(Rel input, List<TableFunction> calls, boolean ordinality, boolean outer, Expr condition, String alias,
                   List<String> names) implements Rel {
        public Lateral {
            Objects.requireNonNull(input);
            Objects.requireNonNull(alias);
            calls = List.copyOf(calls);
            names = List.copyOf(names);
            if (calls.isEmpty()) {
                throw new IllegalArgumentException("a lateral function scan calls at least one function");
            }
        }
    }

    /** A query read as a table (a derived table, a WITH query, a subquery): its outputs are {@code alias.name}. */
    record Derived(Rel input, String alias, List<String> names) implements Rel {
        public Derived {
            Objects.requireNonNull(input);
            Objects.requireNonNull(alias);
            names = List.copyOf(names);
            if (new java.util.HashSet<>(names).size() != names.size()) {
                throw new IllegalArgumentException("a derived table with two columns of one name: " + names);
            }
        }
    }

    /**
     * WITH RECURSIVE's result, {@code base UNION step}: the least set of rows holding base's and closed under
     * step, whose one {@link RecursiveRef} (numbered {@code number}) reads the rows derived so far; with
     * {@code all}, {@code base UNION ALL step}: the bag of base's rows and of every row step derives, once per
     * derivation. Its outputs are {@code alias.name}.
     */
    record Recursive(Rel base, Rel step, boolean all, String alias, List<String> names, int number) implements Rel {
        public Recursive {
            Objects.requireNonNull(base);
            Objects.requireNonNull(step);
            Objects.requireNonNull(alias);
            names = List.copyOf(names);
        }
    }

    /** Inside a recursive query's step, the rows derived so far, read under an alias. */
    record RecursiveRef(int number, String alias, List<String> names) implements Rel {
        public RecursiveRef {
            Objects.requireNonNull(alias);
            names = List.copyOf(names);
        }
    }

    /** An ORDER BY item of a {@link TopK}: a column of its input (by position, and its name), its direction and where NULLs sort. */
    record SortKey(int column, String name, boolean descending, boolean nullsFirst) {}

    /**
     * The query's own {@code ORDER BY ... LIMIT limit OFFSET offset}: the input's rows ranked
     * {@code offset + 1} to {@code offset + limit}, of its first {@code width} columns (the columns after
     * those are sort keys no output shows). Only at the top of a query.
     */
    record TopK(Rel input, List<SortKey> keys, long limit, long offset, int width) implements Rel {
        public TopK {
            Objects.requireNonNull(input);
            keys = List.copyOf(keys);
            if (keys.isEmpty() || limit < 0 || offset < 0) {
                throw new IllegalArgumentException("a TopK has sort keys, a limit and an offset of at least 0");
            }
        }
    }

    /** The direct inputs: none for a scan. */
    default List<Rel> children() {
        return switch (this) {
            case Scan scan -> List.of();
            case Values values -> List.of();
            case Join join -> List.of(join.left(), join.right());
            case Combine combine -> List.of(combine.left(), combine.right());
            case Filter filter -> List.of(filter.input());
            case Project project -> List.of(project.input());
            case Aggregate aggregate -> List.of(aggregate.input());
            case UnionAll union -> union.inputs();
            case Distinct distinct -> List.of(distinct.input());
            case Window window -> List.of(window.input());
            case Derived derived -> List.of(derived.input());
            case TopK topK -> List.of(topK.input());
            case Recursive recursive -> List.of(recursive.base(), recursive.step());
            case RecursiveRef reference -> List.of();
            case Lateral lateral -> List.of(lateral.input());
        };
    }

    /** This operator over other inputs (as many as {@link #children()}); itself when they are the same. */
    default Rel withChildren(List<Rel> inputs) {
        if (inputs.equals(children())) {
            return this;
        }
        return switch (this) {
            case Scan scan -> throw new IllegalArgumentException("a scan has no inputs");
            case Values values -> throw new IllegalArgumentException("constant rows have no inputs");
            case Join join -> new Join(inputs.get(0), inputs.get(1), join.kind(), join.condition());
            case Combine combine -> new Combine(inputs.get(0), inputs.get(1), combine.except(), combine.all());
            case Filter filter -> new Filter(inputs.getFirst(), filter.condition());
            case Project project -> new Project(inputs.getFirst(), project.columns());
            case Aggregate aggregate -> new Aggregate(inputs.getFirst(), aggregate.groupKeys(), aggregate.calls());
            case UnionAll union -> new UnionAll(inputs);
            case Distinct distinct -> new Distinct(inputs.getFirst());
            case Window window -> new Window(inputs.getFirst(), window.alias(), window.partitionKeys(), window.calls());
            case Derived derived -> new Derived(inputs.getFirst(), derived.alias(), derived.names());
            case TopK topK -> new TopK(inputs.getFirst(), topK.keys(), topK.limit(), topK.offset(), topK.width());
            case Recursive recursive -> new Recursive(inputs.get(0), inputs.get(1), recursive.all(), recursive.alias(),
                    recursive.names(), recursive.number());
            case RecursiveRef reference -> throw new IllegalArgumentException("a recursive reference has no inputs");
            case Lateral lateral -> new Lateral(inputs.getFirst(), lateral.calls(), lateral.ordinality(), lateral.outer(),
                    lateral.condition(), lateral.alias(), lateral.names());
        };
    }

    /**
     * The qualifiers of the columns this relation yields: its alias for a table or derived table, {@code ""}
     * for a projection's unqualified outputs, a join's both inputs' (a semi or anti join's left one's), and
     * an operator adding columns (a window, a function in FROM) its input's and its own alias.
     */
    default java.util.Set<String> qualifiers() {
        return switch (this) {
            case Scan scan -> java.util.Set.of(scan.alias());
            case Values values -> java.util.Set.of(values.alias());
            case Derived derived -> java.util.Set.of(derived.alias());
            case Recursive recursive -> java.util.Set.of(recursive.alias());
            case RecursiveRef reference -> java.util.Set.of(reference.alias());
            case Project project -> java.util.Set.of("");
            case Window window -> with(window.input().qualifiers(), window.alias());
            case Lateral lateral -> with(lateral.input().qualifiers(), lateral.alias());
            case Join join when join.kind() == JoinKind.SEMI || join.kind() == JoinKind.ANTI -> join.left().qualifiers();
            case Join join -> {
                java.util.Set<String> both = new java.util.HashSet<>(join.left().qualifiers());
                both.addAll(join.right().qualifiers());
                yield both;
            }
            default -> children().getFirst().qualifiers();
        };
    }

    private static java.util.Set<String> with(java.util.Set<String> qualifiers, String alias) {
        java.util.Set<String> all = new java.util.HashSet<>(qualifiers);
        all.add(alias);
        return all;
    }

    /** The scans under a relation, in FROM order (and branch order under a union). */
    default List<Scan> scans() {
        return this instanceof Scan scan ? List.of(scan) : children().stream().flatMap(input -> input.scans().stream()).toList();
    }

    /** An indented rendering of the tree, for explain_stream_table. */
    default String explain(ExprRenderer sql) {
        StringBuilder out = new StringBuilder();
        explain(this, 0, out, sql);
        return out.toString();
    }

    private static void explain(Rel rel, int depth, StringBuilder out, ExprRenderer sql) {
        out.append("  ".repeat(depth));
        switch (rel) {
            case Scan scan -> out.append("Scan ").append(scan.table()).append(" AS ").append(scan.alias());
            case Values values -> out.append("Values (").append(values.rows().size()).append(" rows) AS ").append(values.alias());
            case Join join -> out.append("Join (").append(join.kind().name().toLowerCase(java.util.Locale.ROOT)).append(") ON ")
                    .append(join.condition() == null ? "true" : sql.render(join.condition()));
            case Filter filter -> out.append("Filter ").append(sql.render(filter.condition()));
            case Project project -> out.append("Project ").append(project.columns().stream()
                    .map(c -> sql.render(c.expression()) + " AS " + c.name()).collect(Collectors.joining("; ")));
            case Aggregate aggregate -> {
                out.append("Aggregate GROUP BY ").append(aggregate.groupKeys().isEmpty() ? "()"
                        : aggregate.groupKeys().stream().map(sql::render).collect(Collectors.joining(", ")));
                aggregate.calls().forEach(c -> out.append("; ").append(sql.render(c.call())));
            }
            case UnionAll union -> out.append("UnionAll");
            case Combine combine -> out.append(combine.except() ? "Except" : "Intersect").append(combine.all() ? " All" : "");
            case Distinct distinct -> out.append("Distinct");
            case Window window -> {
                out.append("Window AS ").append(window.alias()).append(" PARTITION BY ").append(window.partitionKeys().isEmpty()
                        ? "()" : window.partitionKeys().stream().map(sql::render).collect(Collectors.joining(", ")));
                window.calls().forEach(c -> out.append("; ").append(sql.render(c.expression())).append(" AS ").append(c.name()));
            }
            case Derived derived -> out.append("Derived AS ").append(derived.alias());
            case TopK topK -> out.append("TopK ORDER BY ").append(topK.keys().stream()
                            .map(k -> k.name() + (k.descending() ? " DESC" : "") + (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST"))
                            .collect(Collectors.joining(", ")))
                    .append(" LIMIT ").append(topK.limit()).append(" OFFSET ").append(topK.offset());
            case Recursive recursive -> out.append("Recursive AS ").append(recursive.alias())
                    .append(recursive.all() ? " (base UNION ALL step)" : " (base UNION step)");
            case RecursiveRef reference -> out.append("Recursive reference AS ").append(reference.alias());
            case Lateral lateral -> out.append("Lateral (").append(lateral.outer() ? "left" : "inner").append(") ROWS FROM (")
                    .append(lateral.calls().stream().map(c -> sql.render(c.call())).collect(Collectors.joining(", "))).append(')')
                    .append(lateral.ordinality() ? " WITH ORDINALITY" : "").append(" AS ").append(lateral.alias())
                    .append(lateral.condition() == null ? "" : " ON " + sql.render(lateral.condition()));
        }
        out.append("  [").append(strategy(rel)).append("]\n");
        rel.children().forEach(input -> explain(input, depth + 1, out, sql));
    }

    /** How the operator's delta follows from its inputs' (the rules of io.pgstream.core.compiler's States). */
    private static String strategy(Rel rel) {
        return switch (rel) {
            case Scan scan -> "Δ: its change buffer";
            case Values values -> "constant: no delta";
            case Join join -> switch (join.kind()) {
                case INNER -> "Δ = ΔL⋈R⁰ + L¹⋈ΔR";
                case LEFT, RIGHT, FULL -> "Δ = inner join + NULL-padded anti join";
                case SEMI, ANTI -> "Δ = ΔL·s¹ + L⁰·(s¹ − s⁰), s: has a match";
            };
            case Filter filter -> "linear";
            case Project project -> "linear";
            case UnionAll union -> "linear";
            case Derived derived -> "linear";
            case Lateral lateral -> "linear: per input row, Δ = ΔR ⋈ f(ΔR)";
            case Aggregate aggregate -> "per group: counters at the top of the query, else the touched groups recomputed";
            case Distinct distinct -> "per row: a count at the top of the query, else the touched rows recomputed";
            case Combine combine -> "per touched row: its counts on both sides";
            case TopK topK -> "the input kept in a state table indexed by the order; Δ: its first offset + limit rows"
                    + " (and as many more as rows were deleted) re-read with the inserted rows, the new top compared with the stored rows";
            case Recursive recursive -> recursive.all()
                    ? "its rows in a state table; Δ: derivations counted, Δ = ΔB + ΔS(R⁰) + S¹(Δ) evaluated to its fixpoint"
                    : "its rows in a state table; Δ: delete and rederive (rows that lost a derivation, and what they derived,"
                    + " taken out, those still derivable put back), new rows by semi-naive evaluation";
            case RecursiveRef reference -> "the rows derived so far";
            case Window window -> window.partitionKeys().isEmpty()
                    ? "one partition, the whole input: recomputed when any change reaches it"
                    : "per partition: the touched partitions recomputed";
        };
    }
}
