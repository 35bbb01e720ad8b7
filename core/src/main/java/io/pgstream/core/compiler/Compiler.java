package io.pgstream.core.compiler;

import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.rewrite.Rewriter;
import java.util.List;

/**
 * The compiler's entry point: query in, plan (or the reason for FULL refresh) out.
 *
 * <p>Order: translate PostgreSQL's analysis into the algebra (refusing, named, what it cannot express);
 * rewrite; check the outputs are the stream table's columns and every table is a captured source; ask
 * PostgreSQL the aggregate argument types (they decide between counters and recomputation) and the types
 * of calls kept hidden; write the plan by the query's top operator, over its composed delta
 * ({@link States}): a grouped aggregate (counters in the stored rows), a DISTINCT (a count per row), an
 * ORDER BY ... LIMIT (the rows ranked within the limit, over a state table holding the input), or a bag.
 */
public final class Compiler {

    private Compiler() {}

    public static Compilation compile(CompileRequest request, TypeResolver types) {
        Rel rel;
        try {
            rel = Rewriter.rewrite(QueryTranslator.translate(request.analyzed(), request.catalog()));
        } catch (NotDifferentiableException e) {
            return new Compilation.FullOnly(e.getMessage(), recomputation(request));
        } catch (RuntimeException e) {
            return new Compilation.FullOnly(internalError(e), recomputation(request));
        }
        try {
            return new Compilation.Differential(plan(request, rel, types));
        } catch (NotDifferentiableException e) {
            return new Compilation.FullOnly(e.getMessage(), rel.explain(request.sql()));
        } catch (RuntimeException e) {
            return new Compilation.FullOnly(internalError(e), rel.explain(request.sql()));
        }
    }

    /** A compiler bug is no reason to fail a stream table: it refreshes in full, and says so. */
    private static String internalError(RuntimeException e) {
        return "the compiler failed on this query (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                + "); please report it";
    }

    private static Plan plan(CompileRequest request, Rel rel, TypeResolver types) throws NotDifferentiableException {
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
                            rel);
            case Rel.Distinct distinct -> DistinctPlanWriter.write(request, distinct);
            case Rel.TopK topK -> TopKPlanWriter.write(request, topK);
            default -> BagPlanWriter.write(request, rel);
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
            case Rel.Combine combine -> outputNames(combine.left());
            case Rel.TopK topK -> outputNames(topK.input()).subList(0, topK.width());
            default -> throw new IllegalStateException("a query ends with a projection, a set operation or a distinct");
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
