package io.pgstream.core.compiler;

import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import java.util.List;

/**
 * The compiler's entry point: query in, plan (or the reason for FULL refresh) out.
 *
 * <p>Order: translate (which also rejects what PostgreSQL says the query contains beyond the
 * differentiable shapes); check the outputs are the stream table's columns and every table is a
 * captured source; ask PostgreSQL the aggregate argument types (they decide between counters and
 * recomputation); write the plan.
 */
public final class Compiler {

    private Compiler() {}

    public static Compilation compile(CompileRequest request, TypeResolver types) {
        QueryTranslator.Translation translation;
        try {
            translation = QueryTranslator.translate(request.definition(), request.facts());
        } catch (NotDifferentiableException e) {
            return new Compilation.FullOnly(e.getMessage(), null);
        }
        try {
            return new Compilation.Differential(plan(request, translation, types));
        } catch (NotDifferentiableException e) {
            return new Compilation.FullOnly(e.getMessage(), translation.rel().explain());
        }
    }

    private static Plan plan(CompileRequest request, QueryTranslator.Translation translation, TypeResolver types)
            throws NotDifferentiableException {
        if (!(translation.rel() instanceof Rel.Project project)) {
            throw new IllegalStateException("the translator always ends with a projection");
        }
        List<String> outputs = project.columns().stream().map(OutputColumn::name).toList();
        List<String> columns = request.columns().stream().map(CompileRequest.Column::name).toList();
        if (!outputs.equals(columns)) {
            throw new NotDifferentiableException("outputs " + outputs + " differ from the stream table's columns " + columns);
        }
        for (Rel.Scan scan : project.scans()) {
            request.source(scan.table());
        }
        if (project.input() instanceof Rel.Aggregate aggregate) {
            return AggregatePlanWriter.write(request, project, argumentTypes(request, aggregate, types), translation);
        }
        return BagPlanWriter.write(request, project, translation);
    }

    private static List<String> argumentTypes(CompileRequest request, Rel.Aggregate aggregate, TypeResolver types)
            throws NotDifferentiableException {
        String probe = AggregatePlanWriter.argumentProbe(request, aggregate);
        if (probe == null) {
            return List.of();
        }
        try {
            return types.typesOf(probe);
        } catch (Exception e) {
            throw new NotDifferentiableException("PostgreSQL cannot type the aggregate arguments (" + e.getMessage() + ")");
        }
    }
}
