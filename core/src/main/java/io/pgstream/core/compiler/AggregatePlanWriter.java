package io.pgstream.core.compiler;

import io.pgstream.core.algebra.AggregateCall;
import io.pgstream.core.algebra.AggregateCall.Kind;
import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.sql.ExprRenderer;
import io.pgstream.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The plan of a grouped aggregate at the top of a query: one stored row per group, found by its key
 * with PostgreSQL's equality ({@link RowKey}), with hidden state beside the visible values
 * ({@link AggregateState}). Over it, outputs computed from aggregates, and HAVING: a filter over the
 * groups.
 *
 * <p>The delta statement: the input's delta ({@link States}, projected to keys and arguments);
 * per group, the change of every counter ({@code __pgs_g}); merged with the stored row ({@code __pgs_m});
 * new values ({@code __pgs_v}, {@link AggregateValues}), from the counters or, for groups whose value
 * cannot follow from them, recomputed from the sources in the same snapshot; then groups deleted,
 * updated or inserted. With HAVING only the groups that pass are stored, so a group without a stored
 * row (new, or left out by HAVING until now) has no known state and is recomputed: its cost follows the
 * group's size rather than the change's.
 */
final class AggregatePlanWriter {

    private final CompileRequest request;
    private final Rel.Aggregate aggregate;
    private final Expr having;
    private final ExprRenderer sql;
    private final List<OutputColumn> outputs;
    private final List<String> argumentTypes;
    private final List<AggregateState.Column> state;
    private final AggregateValues values;
    private final States states;
    /** Expressions over the aggregate's input rows, {@code x}. */
    private final Scope input;

    private AggregatePlanWriter(CompileRequest request, Rel.Project project, List<String> argumentTypes,
                                List<String> hiddenCallTypes) throws NotDifferentiableException {
        this.request = request;
        this.sql = request.sql();
        this.states = new States(request);
        this.having = project.input() instanceof Rel.Filter filter ? filter.condition() : null;
        this.aggregate = aggregateOf(project);
        this.input = states.scope("x", aggregate.input());
        this.outputs = project.columns();
        this.argumentTypes = argumentTypes;
        List<String> callTypes = callTypes(hiddenCallTypes);
        this.state = AggregateState.of(aggregate, callTypes, input::render);
        this.values = new AggregateValues(request, aggregate, outputs, callTypes, state, having);
    }

    /** The aggregate under a projection, through HAVING's filter: null when there is none. */
    static Rel.Aggregate aggregateOf(Rel.Project project) {
        return GroupStates.aggregateOf(project.input());
    }

    /** The query whose output types {@link #write} needs: every aggregate argument, in call order. */
    static String argumentProbe(CompileRequest request, Rel.Aggregate aggregate) throws NotDifferentiableException {
        States states = States.standalone(request);
        Scope input = states.scope("x", aggregate.input());
        List<String> items = new ArrayList<>();
        for (int j = 0; j < aggregate.calls().size(); j++) {
            AggregateCall call = aggregate.calls().get(j);
            items.add((call.argument() == null ? "NULL::integer" : input.render(call.argument())) + " AS a" + j);
        }
        return items.isEmpty() ? null : overInputNow(states, aggregate, items);
    }

    /** The query whose output types are those of the calls kept in hidden columns, in call order; or null. */
    static String hiddenCallProbe(CompileRequest request, Rel.Aggregate aggregate) throws NotDifferentiableException {
        States states = States.standalone(request);
        Scope input = states.scope("x", aggregate.input());
        List<String> items = new ArrayList<>();
        for (AggregateCall call : aggregate.calls()) {
            if (AggregateState.hidden(call)) {
                items.add(input.render(call.call()) + " AS c" + items.size());
            }
        }
        return items.isEmpty() ? null : overInputNow(states, aggregate, items);
    }

    /** {@code SELECT items FROM (the aggregate's input now) x}. */
    private static String overInputNow(States states, Rel.Aggregate aggregate, List<String> items)
            throws NotDifferentiableException {
        return "SELECT " + String.join(", ", items) + " FROM (" + states.of(aggregate.input(), States.State.NEW) + ") x";
    }

    static Plan write(CompileRequest request, Rel.Project project, List<String> argumentTypes, List<String> hiddenCallTypes,
                      Rel query) throws NotDifferentiableException {
        AggregatePlanWriter writer = new AggregatePlanWriter(request, project, argumentTypes, hiddenCallTypes);
        String delta = writer.deltaStatement();
        return new Plan(query.explain(writer.sql), writer.hiddenColumns(), writer.fullQuery(), delta, writer.states.stateTables());
    }

    /** The type of each call's value: its output column's, or PostgreSQL's answer for a hidden one. */
    private List<String> callTypes(List<String> hiddenCallTypes) {
        List<String> types = new ArrayList<>();
        int hidden = 0;
        for (AggregateCall call : aggregate.calls()) {
            types.add(AggregateState.hidden(call) ? hiddenCallTypes.get(hidden++) : columnType(call.output()));
        }
        return types;
    }

    private String columnType(String column) {
        return request.columns().stream().filter(c -> c.name().equals(column)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no column " + column)).type();
    }

    private List<String> keys() {
        return aggregate.groupKeys().stream().map(input::render).toList();
    }

    private boolean grouped() {
        return !keys().isEmpty();
    }

    private AggregateCall call(int j) {
        return aggregate.calls().get(j);
    }

    private AggregateMaintenance maintenance(int j) {
        return AggregateMaintenance.of(call(j), argumentTypes.get(j));
    }

    private List<CompileRequest.Column> hiddenColumns() {
        List<CompileRequest.Column> hidden = new ArrayList<>();
        hidden.add(new CompileRequest.Column(Plan.ROW_ID, "bigint"));
        hidden.add(new CompileRequest.Column("__pgs_count", "bigint"));
        state.forEach(column -> hidden.add(new CompileRequest.Column(column.name(), column.type())));
        return hidden;
    }

    private String rowIdOf(List<String> keyExpressions) {
        return grouped() ? RowKey.hash(keyExpressions) : "0::bigint";
    }

    private String fullQuery() throws NotDifferentiableException {
        List<String> items = new ArrayList<>();
        for (OutputColumn output : outputs) {
            items.add(input.render(output.expression()) + " AS " + Sql.identifier(output.name()));
        }
        items.add(rowIdOf(keys()) + " AS " + Plan.ROW_ID);
        items.add("count(*) AS __pgs_count");
        state.forEach(column -> items.add(column.fromSources() + " AS " + Sql.identifier(column.name())));
        return "SELECT " + String.join(", ", items) + "\n  FROM (" + States.standalone(request).of(aggregate.input(), States.State.NEW)
                + ") x"
                + (grouped() ? "\n GROUP BY " + String.join(", ", keys()) : "")
                + (having == null ? "" : "\n HAVING " + input.render(having));
    }

    private String deltaStatement() throws NotDifferentiableException {
        String inputDelta = inputDelta(); // before the CTEs its states read are listed
        return DeltaStatement.FRONTIER + states.ctes() + ",\n"
                + "__pgs_d AS (\n" + inputDelta + "),\n"
                + "__pgs_g AS (\n" + groupChanges() + "),\n"
                + "__pgs_m AS (\n" + merged() + "),\n"
                + "__pgs_v AS (\n" + newValues() + "),\n"
                + apply() + "\n"
                + DeltaStatement.result("__pgs_upd");
    }

    /** The input's delta: keys as __pgs_k{i}, arguments as __pgs_a{j}, and the weight. */
    private String inputDelta() throws NotDifferentiableException {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < keys().size(); i++) {
            items.add(keys().get(i) + " AS __pgs_k" + i);
        }
        for (int j = 0; j < aggregate.calls().size(); j++) {
            if (call(j).argument() != null) {
                items.add(input.render(call(j).argument()) + " AS __pgs_a" + j);
            }
        }
        items.add("x." + States.WEIGHT);
        List<Expr> evaluated = new ArrayList<>(aggregate.groupKeys());
        aggregate.calls().stream().filter(c -> c.argument() != null).forEach(c -> evaluated.add(c.argument()));
        return "SELECT " + String.join(", ", items) + "\n  FROM (" + states.evaluated(aggregate.input(), States.State.DELTA, evaluated)
                + ") x";
    }

    private List<String> keyColumns(String qualifier) {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < keys().size(); i++) {
            columns.add(qualifier + "__pgs_k" + i);
        }
        return columns;
    }

    private String groupChanges() {
        List<String> items = new ArrayList<>(keyColumns(""));
        items.add(rowIdOf(keyColumns("")) + " AS __pgs_rowid");
        items.add("sum(__pgs_w) AS __pgs_dcount");
        for (int j = 0; j < aggregate.calls().size(); j++) {
            String a = "__pgs_a" + j;
            switch (call(j).kind()) {
                case COUNT_STAR, OTHER -> { }
                case COUNT, BOOL_AND, BOOL_OR, SUM, AVG -> {
                    items.add("coalesce(sum(__pgs_w) FILTER (WHERE " + a + " IS NOT NULL), 0) AS __pgs_dnn_" + j);
                    if (call(j).kind() == Kind.SUM || call(j).kind() == Kind.AVG) {
                        items.add("sum(" + a + " * __pgs_w) AS __pgs_dsum_" + j);
                        items.add("coalesce(bool_or(__pgs_w < 0 AND " + a + " IS NOT NULL), false) AS __pgs_del_" + j);
                    }
                    if (call(j).kind() == Kind.BOOL_AND || call(j).kind() == Kind.BOOL_OR) {
                        items.add("coalesce(sum(__pgs_w) FILTER (WHERE " + a + "), 0) AS __pgs_dtrue_" + j);
                    }
                }
                case MIN, MAX -> {
                    String extreme = call(j).kind() == Kind.MIN ? "min" : "max";
                    items.add(extreme + "(" + a + ") FILTER (WHERE __pgs_w > 0) AS __pgs_ins_" + j);
                    items.add(extreme + "(" + a + ") FILTER (WHERE __pgs_w < 0) AS __pgs_del_" + j);
                }
            }
        }
        return "SELECT " + String.join(",\n       ", items) + "\n  FROM __pgs_d"
                + (grouped() ? "\n GROUP BY " + String.join(", ", keyColumns("")) : "\nHAVING count(*) > 0");
    }

    /** The stored row's key columns: the outputs that show the keys. */
    private List<String> storedKeys() {
        List<String> stored = new ArrayList<>();
        for (Expr key : aggregate.groupKeys()) {
            OutputColumn output = outputs.stream().filter(o -> o.expression().equals(key)).findFirst().orElseThrow();
            stored.add("__pgs_s." + Sql.identifier(output.name()));
        }
        return stored;
    }

    /** Group changes next to the stored row (if any), with whether the group must be recomputed. */
    private String merged() {
        List<String> recompute = new ArrayList<>();
        for (int j = 0; j < aggregate.calls().size(); j++) {
            String old = "__pgs_s." + Sql.identifier(call(j).output());
            switch (maintenance(j)) {
                case COUNTERS -> { }
                case RECOMPUTE -> recompute.add("true");
                case RECOMPUTE_ON_DELETE -> recompute.add("__pgs_g.__pgs_del_" + j);
                case RECOMPUTE_ON_EXTREME_DELETE -> recompute.add("(__pgs_g.__pgs_del_" + j + " IS NOT NULL AND (" + old
                        + " IS NULL OR __pgs_g.__pgs_del_" + j + (call(j).kind() == Kind.MIN ? " <= " : " >= ") + old + "))");
            }
        }
        if (having != null) {
            recompute.add("__pgs_s.ctid IS NULL"); // its state is unknown: a new group, or one HAVING left out
        }
        String match = grouped()
                ? "__pgs_s.__pgs_rowid = __pgs_g.__pgs_rowid AND " + RowKey.same(storedKeys(), keyColumns("__pgs_g."))
                : "true";
        return "SELECT __pgs_g.*, __pgs_s.ctid AS __pgs_tid, __pgs_s AS __pgs_old,\n"
                + "       " + (recompute.isEmpty() ? "false" : String.join(" OR ", recompute)) + " AS __pgs_rc\n"
                + "  FROM __pgs_g LEFT JOIN " + request.target() + " __pgs_s ON " + match;
    }

    /** New values of every stored column, as __pgs_new_{n} in table order, and whether the group is kept. */
    private String newValues() throws NotDifferentiableException {
        List<String> recomputed = new ArrayList<>();
        recomputed.add("count(*) AS r_count");
        for (int j = 0; j < aggregate.calls().size(); j++) {
            recomputed.add(input.render(call(j).call()) + " AS r_" + j);
        }
        state.stream().filter(column -> column.role() != AggregateState.Role.VALUE)
                .forEach(column -> recomputed.add(column.fromSources() + " AS " + column.name()));
        List<String> keyMatch = new ArrayList<>();
        keyMatch.add("__pgs_m.__pgs_rc");
        for (int i = 0; i < keys().size(); i++) {
            String key = "(" + keys().get(i) + ")";
            keyMatch.add("((__pgs_m.__pgs_k" + i + " IS NULL AND " + key + " IS NULL) OR " + key + " = __pgs_m.__pgs_k" + i + ")");
        }
        String lateral = "SELECT " + String.join(", ", recomputed) + " FROM (" + states.of(aggregate.input(), States.State.NEW) + ") x"
                + " WHERE " + keyMatch.stream().map(c -> "(" + c + ")").collect(Collectors.joining(" AND "));

        return "SELECT __pgs_m.__pgs_tid, __pgs_m.__pgs_rc, " + values.count() + " AS __pgs_cnt, " + values.keep() + " AS __pgs_keep, "
                + String.join(", ", values.columns()) + "\n  FROM __pgs_m LEFT JOIN LATERAL (" + lateral + ") __pgs_r ON true";
    }

    private List<String> storedColumns() {
        List<String> columns = new ArrayList<>();
        outputs.forEach(o -> columns.add(Sql.identifier(o.name())));
        hiddenColumns().forEach(h -> columns.add(Sql.identifier(h.name())));
        return columns;
    }

    /** A group is stored while it has rows (a whole-table aggregate always has its one row) and passes HAVING. */
    private String apply() {
        List<String> columns = storedColumns();
        List<String> assignments = new ArrayList<>();
        List<String> newValues = new ArrayList<>();
        for (int n = 0; n < columns.size(); n++) {
            assignments.add(columns.get(n) + " = v.__pgs_new_" + n);
            newValues.add("v.__pgs_new_" + n);
        }
        String target = request.target();
        String stays = (grouped() ? "v.__pgs_cnt > 0 AND " : "") + "v.__pgs_keep";
        return "__pgs_del AS (DELETE FROM " + target + " t USING __pgs_v v WHERE t.ctid = v.__pgs_tid AND NOT (" + stays
                + ") RETURNING 1),\n"
                + "__pgs_upd AS (UPDATE " + target + " t SET " + String.join(", ", assignments)
                + " FROM __pgs_v v WHERE t.ctid = v.__pgs_tid AND " + stays + " RETURNING 1),\n"
                + "__pgs_ins AS (INSERT INTO " + target + " (" + String.join(", ", columns) + ") SELECT "
                + String.join(", ", newValues) + " FROM __pgs_v v WHERE v.__pgs_tid IS NULL AND " + stays + " AND "
                + DeltaStatement.afterDeletes("__pgs_del") + " RETURNING 1)";
    }
}
