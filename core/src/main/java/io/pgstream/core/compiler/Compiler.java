package io.pgstream.core.compiler;

import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.rewrite.Rewriter;
import java.util.List;

/**
 * The compiler's entry point: query in, plan (or the reason for FULL refresh) out.
 *
 * <p>Order: translate (which also rejects what PostgreSQL says the query contains beyond the
 * differentiable shapes); rewrite to those shapes; check the outputs are the stream table's columns
 * and every table is a captured source; ask PostgreSQL the aggregate argument types (they decide
 * between counters and recomputation) and the types of calls kept hidden; write the plan of the
 * shape: a grouped aggregate (with HAVING, a filter over it), a DISTINCT
 * over a bag, or a bag (a select-project-join query or a UNION ALL of them).
 */
public final class Compiler {

    private Compiler() {}

    public static Compilation compile(CompileRequest request, TypeResolver types) {
        QueryTranslator.Translation translation;
        try {
            QueryTranslator.Translation read = QueryTranslator.translate(request.definition(), request.facts());
            translation = new QueryTranslator.Translation(Rewriter.rewrite(read.rel()), read.rendered());
        } catch (NotDifferentiableException e) {
            return new Compilation.FullOnly(e.getMessage(), recomputation(request));
        }
        try {
            return new Compilation.Differential(plan(request, translation, types));
        } catch (NotDifferentiableException e) {
            return new Compilation.FullOnly(e.getMessage(), translation.rel().explain());
        }
    }

    private static Plan plan(CompileRequest request, QueryTranslator.Translation translation, TypeResolver types)
            throws NotDifferentiableException {
        Rel rel = translation.rel();
        List<String> outputs = outputNames(rel);
        List<String> columns = request.columns().stream().map(CompileRequest.Column::name).toList();
        if (!outputs.equals(columns)) {
            throw new NotDifferentiableException("outputs " + outputs + " differ from the stream table's columns " + columns);
        }
        for (Rel.Scan scan : rel.scans()) {
            request.source(scan.table());
        }
        return switch (rel) {
            case Rel.Project project when AggregatePlanWriter.aggregateOf(project) instanceof Rel.Aggregate aggregate ->
                    AggregatePlanWriter.write(request, project,
                            typesOf(AggregatePlanWriter.argumentProbe(request, aggregate), "aggregate arguments", types),
                            typesOf(AggregatePlanWriter.hiddenCallProbe(request, aggregate), "aggregate calls", types),
                            translation);
            case Rel.Distinct distinct -> DistinctPlanWriter.write(request, distinct, translation);
            default -> BagPlanWriter.write(request, rel, translation);
        };
    }

    /**
     * The operator tree of a query the algebra cannot express: PostgreSQL runs it whole over its
     * sources (which PostgreSQL itself listed when it validated the query).
     */
    private static String recomputation(CompileRequest request) {
        StringBuilder tree = new StringBuilder("Recompute (the whole query, by PostgreSQL)\n");
        request.sources().forEach(source -> tree.append("  Scan ").append(source.table()).append('\n'));
        return tree.toString();
    }

    /** The columns a query yields: its projection's, or its first branch's under a union. */
    private static List<String> outputNames(Rel rel) {
        return switch (rel) {
            case Rel.Project project -> project.columns().stream().map(OutputColumn::name).toList();
            case Rel.UnionAll union -> outputNames(union.inputs().getFirst());
            case Rel.Distinct distinct -> outputNames(distinct.input());
            default -> throw new IllegalStateException("a query ends with a projection, a union or a distinct:\n" + rel.explain());
        };
    }

    /** PostgreSQL's types of a probe's outputs (none without a probe). */
    private static List<String> typesOf(String probe, String what, TypeResolver types) throws NotDifferentiableException {
        if (probe == null) {
            return List.of();
        }
        try {
            return types.typesOf(probe);
        } catch (Exception e) {
            throw new NotDifferentiableException("PostgreSQL cannot type the " + what + " (" + e.getMessage() + ")");
        }
    }
}
