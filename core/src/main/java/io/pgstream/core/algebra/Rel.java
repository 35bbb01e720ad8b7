package io.pgstream.core.algebra;

import java.util.List;
import java.util.Objects;

/**
 * A relational operator. The shapes differentiated here: a scan of a source table; an n-way inner
 * join of scans; a filter; a projection; a grouped aggregate over those.
 */
public sealed interface Rel {

    /** One occurrence of a source table under an alias (a self join has two scans of one table). */
    record Scan(TableName table, String alias) implements Rel {
        public Scan {
            Objects.requireNonNull(table);
            Objects.requireNonNull(alias);
        }
    }

    /** Inner join of scans; the conditions of all ON clauses, as SQL text, ANDed. */
    record Join(List<Scan> inputs, List<String> conditions) implements Rel {
        public Join {
            inputs = List.copyOf(inputs);
            conditions = List.copyOf(conditions);
            if (inputs.size() < 2) {
                throw new IllegalArgumentException("a join has at least two inputs");
            }
        }
    }

    record Filter(Rel input, String condition) implements Rel {
        public Filter {
            Objects.requireNonNull(input);
            Objects.requireNonNull(condition);
        }
    }

    /** Output columns: each an expression (SQL text) and the stream table column it fills. */
    record Project(Rel input, List<OutputColumn> columns) implements Rel {
        public Project {
            columns = List.copyOf(columns);
        }
    }

    /** GROUP BY keys (SQL text; none for a whole-table aggregate) and the aggregate calls. */
    record Aggregate(Rel input, List<String> groupKeys, List<AggregateCall> calls) implements Rel {
        public Aggregate {
            groupKeys = List.copyOf(groupKeys);
            calls = List.copyOf(calls);
        }
    }

    /** The scans under a relation, in FROM order. */
    default List<Scan> scans() {
        return switch (this) {
            case Scan scan -> List.of(scan);
            case Join join -> join.inputs();
            case Filter filter -> filter.input().scans();
            case Project project -> project.input().scans();
            case Aggregate aggregate -> aggregate.input().scans();
        };
    }

    /** An indented rendering of the tree, for explain_stream_table. */
    default String explain() {
        StringBuilder out = new StringBuilder();
        explain(this, 0, out);
        return out.toString();
    }

    private static void explain(Rel rel, int depth, StringBuilder out) {
        out.append("  ".repeat(depth));
        switch (rel) {
            case Scan scan -> out.append("Scan ").append(scan.table()).append(" AS ").append(scan.alias()).append('\n');
            case Join join -> {
                out.append("Join (inner) ON ").append(join.conditions().isEmpty() ? "true" : String.join(" AND ", join.conditions())).append('\n');
                join.inputs().forEach(input -> explain(input, depth + 1, out));
            }
            case Filter filter -> {
                out.append("Filter ").append(filter.condition()).append('\n');
                explain(filter.input(), depth + 1, out);
            }
            case Project project -> {
                out.append("Project ");
                project.columns().forEach(c -> out.append(c.expression()).append(" AS ").append(c.name()).append("; "));
                out.setLength(out.length() - 2);
                out.append('\n');
                explain(project.input(), depth + 1, out);
            }
            case Aggregate aggregate -> {
                out.append("Aggregate GROUP BY ").append(aggregate.groupKeys().isEmpty() ? "()" : String.join(", ", aggregate.groupKeys()));
                aggregate.calls().forEach(c -> out.append("; ").append(c.sql()));
                out.append('\n');
                explain(aggregate.input(), depth + 1, out);
            }
        }
    }
}
