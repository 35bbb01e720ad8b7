package io.pgstream.core.compiler;

import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.delta.JoinDelta;
import io.pgstream.core.delta.SourceState;
import io.pgstream.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The plan of a select-project-join query, whose result is a bag: duplicates are kept as separate rows.
 * Every stored row carries {@code __pgs_rowid}, a hash of its text form. The delta (the join rule's
 * terms, filtered and projected: both linear) is netted per distinct row; a net weight of -n deletes n
 * stored copies of that row, +n inserts n copies.
 */
final class BagPlanWriter {

    private BagPlanWriter() {}

    static Plan write(CompileRequest request, Rel.Project project, QueryTranslator.Translation translation)
            throws NotDifferentiableException {
        Rel input = project.input();
        SpjRenderer renderer = new SpjRenderer(request, input.scans(), SpjRenderer.conditionsOf(input));
        List<String> items = project.columns().stream()
                .map(c -> c.expression() + " AS " + Sql.identifier(c.name())).toList();

        List<String> terms = new ArrayList<>();
        for (SourceState[] states : JoinDelta.terms(input.scans().size())) {
            terms.add(renderer.term(items, states));
        }
        List<String> names = project.columns().stream().map(OutputColumn::name).map(Sql::identifier).toList();
        String target = request.target();
        String delta = """
                WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier()),
                __pgs_d AS (
                %1$s),
                __pgs_n AS (
                    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
                      FROM (SELECT d.*, ROW(%2$s)::text AS __pgs_t FROM __pgs_d d) x),
                __pgs_del AS (
                    DELETE FROM %3$s s WHERE s.ctid IN (
                        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
                            SELECT s2.ctid AS tid FROM %3$s s2
                             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(%4$s)::text = n.__pgs_t
                             LIMIT (-n.__pgs_net)) m
                         WHERE n.__pgs_net < 0)
                    RETURNING 1),
                __pgs_ins AS (
                    INSERT INTO %3$s (%5$s, __pgs_rowid)
                    SELECT %6$s, hashtextextended(n.__pgs_t, 0)
                      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
                     WHERE n.__pgs_net > 0
                    RETURNING 1)
                SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), 0::bigint
                  FROM __pgs_f f""".formatted(
                String.join("\nUNION ALL\n", terms),
                prefixed("d.", names),
                target,
                prefixed("s2.", names),
                String.join(", ", names),
                prefixed("n.", names));
        String full = "SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM (" + request.definition() + ") q";
        return new Plan(translation.rel().explain(), List.of(new CompileRequest.Column(Plan.ROW_ID, "bigint")), full,
                delta, translation.rendered());
    }

    static String prefixed(String prefix, List<String> names) {
        return names.stream().map(n -> prefix + n).collect(Collectors.joining(", "));
    }
}
