package io.pgstream.core.algebra;

import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.sql.ExprRenderer;
import java.util.List;
import java.util.Objects;

/**
 * A relational operator. The shapes differentiated here: a scan of a source table; an n-way inner
 * join of scans; a filter; a projection; a grouped aggregate over those, and a filter over it (HAVING);
 * UNION ALL of projections; DISTINCT over a projection or a UNION ALL.
 */
public sealed interface Rel {

    /** One occurrence of a source table under an alias (a self join has two scans of one table). */
    record Scan(TableName table, String alias) implements Rel {
        public Scan {
            Objects.requireNonNull(table);
            Objects.requireNonNull(alias);
        }
    }

    /** Inner join of scans; the conditions of all ON clauses, ANDed. */
    record Join(List<Scan> inputs, List<Expr> conditions) implements Rel {
        public Join {
            inputs = List.copyOf(inputs);
            conditions = List.copyOf(conditions);
            if (inputs.size() < 2) {
                throw new IllegalArgumentException("a join has at least two inputs");
            }
        }
    }

    /** Rows of the input satisfying a condition; over an aggregate, groups satisfying HAVING. */
    record Filter(Rel input, Expr condition) implements Rel {
        public Filter {
            Objects.requireNonNull(input);
            Objects.requireNonNull(condition);
        }
    }

    /** Output columns: each an expression and the stream table column it fills. */
    record Project(Rel input, List<OutputColumn> columns) implements Rel {
        public Project {
            columns = List.copyOf(columns);
        }
    }

    /** GROUP BY keys (none for a whole-table aggregate) and the aggregate calls. */
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

    /** Each distinct row of the input once: SQL's DISTINCT, NULLs equal to NULLs. */
    record Distinct(Rel input) implements Rel {
        public Distinct {
            Objects.requireNonNull(input);
        }
    }

    /** The direct inputs: none for a scan, the scans of a join. */
    default List<Rel> children() {
        return switch (this) {
            case Scan scan -> List.of();
            case Join join -> List.copyOf(join.inputs());
            case Filter filter -> List.of(filter.input());
            case Project project -> List.of(project.input());
            case Aggregate aggregate -> List.of(aggregate.input());
            case UnionAll union -> union.inputs();
            case Distinct distinct -> List.of(distinct.input());
        };
    }

    /** This operator over other inputs (as many as {@link #children()}); itself when they are the same. */
    default Rel withChildren(List<Rel> inputs) {
        if (inputs.equals(children())) {
            return this;
        }
        return switch (this) {
            case Scan scan -> throw new IllegalArgumentException("a scan has no inputs");
            case Join join -> new Join(inputs.stream().map(Scan.class::cast).toList(), join.conditions());
            case Filter filter -> new Filter(inputs.getFirst(), filter.condition());
            case Project project -> new Project(inputs.getFirst(), project.columns());
            case Aggregate aggregate -> new Aggregate(inputs.getFirst(), aggregate.groupKeys(), aggregate.calls());
            case UnionAll union -> new UnionAll(inputs);
            case Distinct distinct -> new Distinct(inputs.getFirst());
        };
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
            case Scan scan -> out.append("Scan ").append(scan.table()).append(" AS ").append(scan.alias()).append('\n');
            case Join join -> {
                out.append("Join (inner) ON ").append(join.conditions().isEmpty() ? "true" : join.conditions().stream().map(sql::render).collect(java.util.stream.Collectors.joining(" AND "))).append('\n');
                join.inputs().forEach(input -> explain(input, depth + 1, out, sql));
            }
            case Filter filter -> {
                out.append("Filter ").append(sql.render(filter.condition())).append('\n');
                explain(filter.input(), depth + 1, out, sql);
            }
            case Project project -> {
                out.append("Project ");
                project.columns().forEach(c -> out.append(sql.render(c.expression())).append(" AS ").append(c.name()).append("; "));
                out.setLength(out.length() - 2);
                out.append('\n');
                explain(project.input(), depth + 1, out, sql);
            }
            case Aggregate aggregate -> {
                out.append("Aggregate GROUP BY ").append(aggregate.groupKeys().isEmpty() ? "()" : aggregate.groupKeys().stream().map(sql::render).collect(java.util.stream.Collectors.joining(", ")));
                aggregate.calls().forEach(c -> out.append("; ").append(sql.render(c.call())));
                out.append('\n');
                explain(aggregate.input(), depth + 1, out, sql);
            }
            case UnionAll union -> {
                out.append("UnionAll\n");
                union.inputs().forEach(input -> explain(input, depth + 1, out, sql));
            }
            case Distinct distinct -> {
                out.append("Distinct\n");
                explain(distinct.input(), depth + 1, out, sql);
            }
        }
    }
}
