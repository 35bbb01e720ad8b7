package io.pgstream.core.compiler;

import io.pgstream.core.algebra.AggregateCall;
import io.pgstream.core.algebra.AggregateCall.Kind;
import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.delta.AggregateMaintenance;
import io.pgstream.core.delta.JoinDelta;
import io.pgstream.core.delta.SourceState;
import io.pgstream.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The plan of a grouped aggregate: one stored row per group, found by {@code __pgs_rowid} (a hash of
 * the group key's text form) and the key itself, with hidden counters beside the visible values.
 *
 * <p>The delta statement: the input's delta (the join rule's terms, projected to keys and arguments);
 * per group, the change of every counter ({@code __pgs_g}); merged with the stored row ({@code __pgs_m});
 * groups whose value cannot follow from counters recomputed from the sources ({@code __pgs_v}, same
 * snapshot); then groups deleted, updated or inserted. See {@link AggregateMaintenance} for the rules.
 */
final class AggregatePlanWriter {

    private final CompileRequest request;
    private final Rel.Aggregate aggregate;
    private final List<OutputColumn> outputs;
    private final List<String> argumentTypes;
    private final SpjRenderer renderer;

    private AggregatePlanWriter(CompileRequest request, Rel.Aggregate aggregate, List<OutputColumn> outputs,
                                List<String> argumentTypes) {
        this.request = request;
        this.aggregate = aggregate;
        this.outputs = outputs;
        this.argumentTypes = argumentTypes;
        this.renderer = new SpjRenderer(request, aggregate.input().scans(), SpjRenderer.conditionsOf(aggregate.input()));
    }

    /** The query whose output types {@link #write} needs: every aggregate argument, in call order. */
    static String argumentProbe(CompileRequest request, Rel.Aggregate aggregate) throws NotDifferentiableException {
        SpjRenderer renderer = new SpjRenderer(request, aggregate.input().scans(), SpjRenderer.conditionsOf(aggregate.input()));
        List<String> items = new ArrayList<>();
        for (int j = 0; j < aggregate.calls().size(); j++) {
            AggregateCall call = aggregate.calls().get(j);
            items.add((call.argument() == null ? "NULL::integer" : call.argument()) + " AS a" + j);
        }
        return items.isEmpty() ? null : renderer.current(items);
    }

    static Plan write(CompileRequest request, Rel.Project project, List<String> argumentTypes,
                      QueryTranslator.Translation translation) throws NotDifferentiableException {
        Rel.Aggregate aggregate = (Rel.Aggregate) project.input();
        AggregatePlanWriter writer = new AggregatePlanWriter(request, aggregate, project.columns(), argumentTypes);
        return new Plan(translation.rel().explain(), writer.hiddenColumns(), writer.fullQuery(), writer.deltaStatement(),
                translation.rendered());
    }

    private List<String> keys() {
        return aggregate.groupKeys();
    }

    private boolean grouped() {
        return !keys().isEmpty();
    }

    private AggregateCall call(int j) {
        return aggregate.calls().get(j);
    }

    private AggregateMaintenance maintenance(int j) {
        return AggregateMaintenance.of(call(j).kind(), argumentTypes.get(j));
    }

    /** Hidden state per call, after __pgs_rowid and __pgs_count. */
    private List<String> stateNames(int j) {
        return switch (call(j).kind()) {
            case SUM -> List.of("__pgs_nn_" + j);
            case AVG -> List.of("__pgs_sum_" + j, "__pgs_nn_" + j);
            case BOOL_AND, BOOL_OR -> List.of("__pgs_nn_" + j, "__pgs_true_" + j);
            default -> List.of();
        };
    }

    private List<CompileRequest.Column> hiddenColumns() {
        List<CompileRequest.Column> hidden = new ArrayList<>();
        hidden.add(new CompileRequest.Column(Plan.ROW_ID, "bigint"));
        hidden.add(new CompileRequest.Column("__pgs_count", "bigint"));
        for (int j = 0; j < aggregate.calls().size(); j++) {
            for (String state : stateNames(j)) {
                hidden.add(new CompileRequest.Column(state, state.startsWith("__pgs_sum_") ? "numeric" : "bigint"));
            }
        }
        return hidden;
    }

    /** The hidden state values computed from the sources, for FULL refresh and recomputation. */
    private List<String> stateAggregates(int j) {
        String x = call(j).argument();
        return switch (call(j).kind()) {
            case SUM -> List.of("count(" + x + ")");
            case AVG -> List.of("sum(" + x + ")::numeric", "count(" + x + ")");
            case BOOL_AND, BOOL_OR -> List.of("count(" + x + ")", "count(*) FILTER (WHERE " + x + ")");
            default -> List.of();
        };
    }

    private String rowIdOf(List<String> keyExpressions) {
        return grouped() ? "hashtextextended(ROW(" + String.join(", ", keyExpressions) + ")::text, 0)" : "0::bigint";
    }

    private String fullQuery() throws NotDifferentiableException {
        List<String> items = new ArrayList<>();
        for (OutputColumn output : outputs) {
            items.add(output.expression() + " AS " + Sql.identifier(output.name()));
        }
        items.add(rowIdOf(keys()) + " AS " + Plan.ROW_ID);
        items.add("count(*) AS __pgs_count");
        for (int j = 0; j < aggregate.calls().size(); j++) {
            List<String> names = stateNames(j);
            List<String> values = stateAggregates(j);
            for (int s = 0; s < names.size(); s++) {
                items.add(values.get(s) + " AS " + names.get(s));
            }
        }
        return renderer.current(items) + (grouped() ? "\n GROUP BY " + String.join(", ", keys()) : "");
    }

    private String deltaStatement() throws NotDifferentiableException {
        return DeltaStatement.FRONTIER + ",\n"
                + "__pgs_d AS (\n" + inputDelta() + "),\n"
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
                items.add(call(j).argument() + " AS __pgs_a" + j);
            }
        }
        if (items.isEmpty()) {
            items.add("NULL AS __pgs_none");
        }
        List<String> terms = new ArrayList<>();
        for (SourceState[] states : JoinDelta.terms(aggregate.input().scans().size())) {
            terms.add(renderer.term(items, states));
        }
        return String.join("\nUNION ALL\n", terms);
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
        items.add("ROW(" + String.join(", ", keyColumns("")) + ")::text AS __pgs_kt");
        items.add("sum(__pgs_w) AS __pgs_dcount");
        for (int j = 0; j < aggregate.calls().size(); j++) {
            String a = "__pgs_a" + j;
            switch (call(j).kind()) {
                case COUNT_STAR -> { }
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

    private OutputColumn outputOf(AggregateCall call) {
        return outputs.stream().filter(o -> o.name().equals(call.output())).findFirst().orElseThrow();
    }

    private String storedKeyText() {
        List<String> stored = new ArrayList<>();
        for (String key : keys()) {
            OutputColumn output = outputs.stream().filter(o -> o.expression().equals(key)).findFirst().orElseThrow();
            stored.add("s." + Sql.identifier(output.name()));
        }
        return "ROW(" + String.join(", ", stored) + ")::text";
    }

    /** Group changes next to the stored row (if any), with whether the group must be recomputed. */
    private String merged() {
        List<String> recompute = new ArrayList<>();
        for (int j = 0; j < aggregate.calls().size(); j++) {
            String old = "s." + Sql.identifier(call(j).output());
            switch (maintenance(j)) {
                case COUNTERS -> { }
                case RECOMPUTE -> recompute.add("true");
                case RECOMPUTE_ON_DELETE -> recompute.add("g.__pgs_del_" + j);
                case RECOMPUTE_ON_EXTREME_DELETE -> recompute.add("(g.__pgs_del_" + j + " IS NOT NULL AND (" + old
                        + " IS NULL OR g.__pgs_del_" + j + (call(j).kind() == Kind.MIN ? " <= " : " >= ") + old + "))");
            }
        }
        String match = grouped()
                ? "s.__pgs_rowid = g.__pgs_rowid AND " + storedKeyText() + " = g.__pgs_kt"
                : "true";
        return "SELECT g.*, s.ctid AS __pgs_tid, s AS __pgs_old,\n"
                + "       " + (recompute.isEmpty() ? "false" : String.join(" OR ", recompute)) + " AS __pgs_rc\n"
                + "  FROM __pgs_g g LEFT JOIN " + request.target() + " s ON " + match;
    }

    /** New values of every stored column, as __pgs_new_{n} in table order (visible, then hidden). */
    private String newValues() throws NotDifferentiableException {
        List<String> recomputed = new ArrayList<>();
        recomputed.add("count(*) AS r_count");
        for (int j = 0; j < aggregate.calls().size(); j++) {
            recomputed.add(call(j).sql() + " AS r_" + j);
            List<String> states = stateAggregates(j);
            for (int s = 0; s < states.size(); s++) {
                recomputed.add(states.get(s) + " AS r_" + j + "_" + s);
            }
        }
        List<String> keyMatch = new ArrayList<>();
        keyMatch.add("m.__pgs_rc");
        for (int i = 0; i < keys().size(); i++) {
            String key = "(" + keys().get(i) + ")";
            keyMatch.add("((m.__pgs_k" + i + " IS NULL AND " + key + " IS NULL) OR " + key + " = m.__pgs_k" + i + ")");
        }
        List<String> conditions = new ArrayList<>(SpjRenderer.conditionsOf(aggregate.input()));
        conditions.addAll(keyMatch);
        String lateral = "SELECT " + String.join(", ", recomputed) + " FROM " + renderer.fromList()
                + " WHERE " + conditions.stream().map(c -> "(" + c + ")").collect(Collectors.joining(" AND "));

        return "SELECT m.__pgs_tid, m.__pgs_rc, " + count() + " AS __pgs_cnt, "
                + String.join(", ", columnValues()) + "\n  FROM __pgs_m m LEFT JOIN LATERAL (" + lateral + ") r ON true";
    }

    private String count() {
        return "(CASE WHEN m.__pgs_rc THEN r.r_count ELSE coalesce((m.__pgs_old).__pgs_count, 0) + m.__pgs_dcount END)";
    }

    private String old(String column) {
        return "(m.__pgs_old)." + Sql.identifier(column);
    }

    private String nn(int j) {
        return "(CASE WHEN m.__pgs_rc THEN r.r_" + j + "_" + (call(j).kind() == Kind.AVG ? 1 : 0)
                + " ELSE coalesce(" + old("__pgs_nn_" + j) + ", 0) + m.__pgs_dnn_" + j + " END)";
    }

    /** Each stored column's new value, cast to its type, named __pgs_new_{n}. */
    private List<String> columnValues() {
        List<String> values = new ArrayList<>();
        int n = 0;
        for (OutputColumn output : outputs) {
            int key = keys().indexOf(output.expression());
            String value = key >= 0 ? "m.__pgs_k" + key : callValue(callIndex(output.name()));
            values.add("(" + value + ")::" + typeOf(output.name()) + " AS __pgs_new_" + n++);
        }
        values.add("m.__pgs_rowid AS __pgs_new_" + n++);
        values.add(count() + " AS __pgs_new_" + n++);
        for (int j = 0; j < aggregate.calls().size(); j++) {
            for (String state : stateNames(j)) {
                values.add("(" + stateValue(j, state) + ") AS __pgs_new_" + n++);
            }
        }
        return values;
    }

    private int callIndex(String output) {
        for (int j = 0; j < aggregate.calls().size(); j++) {
            if (call(j).output().equals(output)) {
                return j;
            }
        }
        throw new IllegalStateException("no aggregate fills " + output);
    }

    private String callValue(int j) {
        String recomputed = "r.r_" + j;
        String old = old(call(j).output());
        String incremental = switch (call(j).kind()) {
            case COUNT_STAR -> count();
            case COUNT -> "coalesce(" + old + ", 0) + m.__pgs_dnn_" + j;
            case SUM -> "CASE WHEN " + nn(j) + " = 0 THEN NULL ELSE coalesce(" + old + " + m.__pgs_dsum_" + j + ", "
                    + old + ", m.__pgs_dsum_" + j + ") END";
            case AVG -> "CASE WHEN " + nn(j) + " = 0 THEN NULL ELSE " + avgSum(j) + " / " + nn(j) + "::numeric END";
            case MIN -> "LEAST(" + old + ", m.__pgs_ins_" + j + ")";
            case MAX -> "GREATEST(" + old + ", m.__pgs_ins_" + j + ")";
            case BOOL_AND -> "CASE WHEN " + nn(j) + " = 0 THEN NULL ELSE " + trues(j) + " = " + nn(j) + " END";
            case BOOL_OR -> "CASE WHEN " + nn(j) + " = 0 THEN NULL ELSE " + trues(j) + " > 0 END";
        };
        return "CASE WHEN m.__pgs_rc THEN " + recomputed + " ELSE " + incremental + " END";
    }

    private String avgSum(int j) {
        String old = old("__pgs_sum_" + j);
        return "(CASE WHEN m.__pgs_rc THEN r.r_" + j + "_0 ELSE coalesce(" + old + " + m.__pgs_dsum_" + j + ", " + old
                + ", m.__pgs_dsum_" + j + ") END)";
    }

    private String trues(int j) {
        return "(CASE WHEN m.__pgs_rc THEN r.r_" + j + "_1 ELSE coalesce(" + old("__pgs_true_" + j) + ", 0) + m.__pgs_dtrue_" + j + " END)";
    }

    private String stateValue(int j, String state) {
        if (state.startsWith("__pgs_nn_")) {
            return nn(j);
        }
        if (state.startsWith("__pgs_sum_")) {
            return avgSum(j) + "::numeric";
        }
        return trues(j);
    }

    private String typeOf(String column) {
        return request.columns().stream().filter(c -> c.name().equals(column)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no column " + column)).type();
    }

    private List<String> storedColumns() {
        List<String> columns = new ArrayList<>();
        outputs.forEach(o -> columns.add(Sql.identifier(o.name())));
        hiddenColumns().forEach(h -> columns.add(Sql.identifier(h.name())));
        return columns;
    }

    private String apply() {
        List<String> columns = storedColumns();
        List<String> assignments = new ArrayList<>();
        List<String> newValues = new ArrayList<>();
        for (int n = 0; n < columns.size(); n++) {
            assignments.add(columns.get(n) + " = v.__pgs_new_" + n);
            newValues.add("v.__pgs_new_" + n);
        }
        String target = request.target();
        String delete = grouped()
                ? "DELETE FROM " + target + " t USING __pgs_v v WHERE t.ctid = v.__pgs_tid AND v.__pgs_cnt = 0 RETURNING 1"
                : "SELECT 1 WHERE false";
        return "__pgs_del AS (" + delete + "),\n"
                + "__pgs_upd AS (UPDATE " + target + " t SET " + String.join(", ", assignments)
                + " FROM __pgs_v v WHERE t.ctid = v.__pgs_tid" + (grouped() ? " AND v.__pgs_cnt > 0" : "") + " RETURNING 1),\n"
                + "__pgs_ins AS (INSERT INTO " + target + " (" + String.join(", ", columns) + ") SELECT "
                + String.join(", ", newValues) + " FROM __pgs_v v WHERE v.__pgs_tid IS NULL"
                + (grouped() ? " AND v.__pgs_cnt > 0" : "") + " RETURNING 1)";
    }
}
