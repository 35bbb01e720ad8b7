package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import io.pgstream.core.delta.JoinDelta;
import io.pgstream.core.delta.SourceState;
import io.pgstream.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;

/**
 * A bag of rows with the stream table's columns: one select-project-join query, or the UNION ALL of
 * several (branches). Union is linear, Δ(A ⊎ B) = ΔA ⊎ ΔB, and so are filter and projection: the delta
 * of the bag is, for each branch, the join rule's terms ({@link JoinDelta}), filtered and projected.
 *
 * <p>PostgreSQL coerces each branch of a union to the union's column types, so a union branch's outputs
 * are cast to the stream table's column types: a row then prints the same, and so is keyed the same,
 * whichever branch it came from. A single query's outputs have those types already.
 */
final class BagInput {

    /** One branch: its renderer and its SELECT list ({@code expression AS "column"}). */
    private record Branch(SpjRenderer renderer, List<String> items, int scans) {}

    private final List<Branch> branches;
    private final List<String> names;

    private BagInput(List<Branch> branches, List<String> names) {
        this.branches = List.copyOf(branches);
        this.names = List.copyOf(names);
    }

    /** The bag that {@code rel} is, or why it is not one this plan can follow. */
    static BagInput of(CompileRequest request, Rel rel) throws NotDifferentiableException {
        boolean union = rel instanceof Rel.UnionAll;
        List<Rel> inputs = switch (rel) {
            case Rel.UnionAll all -> all.inputs();
            case Rel.Project project -> List.of(project);
            default -> throw new NotDifferentiableException("a query that is neither a select-project-join query nor"
                    + " a UNION ALL of them:\n" + rel.explain(request.sql()));
        };
        List<String> names = request.columns().stream().map(CompileRequest.Column::name).toList();
        List<Branch> branches = new ArrayList<>();
        for (Rel input : inputs) {
            if (!(input instanceof Rel.Project project) || !selectProjectJoin(project.input())) {
                throw new NotDifferentiableException(misfit(input, request));
            }
            if (project.columns().size() != names.size()) {
                throw new IllegalStateException("a branch with " + project.columns().size() + " columns, the table has " + names.size());
            }
            List<String> items = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String expression = request.sql().render(project.columns().get(i).expression());
                String value = union ? "(" + expression + ")::" + request.columns().get(i).type() : expression;
                items.add(value + " AS " + Sql.identifier(names.get(i)));
            }
            Rel below = project.input();
            branches.add(new Branch(new SpjRenderer(request, below.scans(), SpjRenderer.conditionsOf(below)), items,
                    below.scans().size()));
        }
        return new BagInput(branches, names.stream().map(Sql::identifier).toList());
    }

    private static boolean selectProjectJoin(Rel rel) {
        return switch (rel) {
            case Rel.Scan scan -> true;
            case Rel.Join join -> true;
            case Rel.Filter filter -> selectProjectJoin(filter.input());
            default -> false;
        };
    }

    /** Why a branch is not a select-project-join query, naming the construct. */
    private static String misfit(Rel branch, CompileRequest request) {
        return switch (branch) {
            case Rel.Distinct distinct -> "a UNION or DISTINCT inside UNION ALL (only UNION ALL of UNION ALL flattens)";
            case Rel.Project project when project.input() instanceof Rel.Aggregate ->
                    "an aggregate or GROUP BY inside UNION (each branch must be a select-project-join query)";
            default -> "a UNION branch that is not a select-project-join query:\n" + branch.explain(request.sql());
        };
    }

    /** The stream table's visible columns, quoted, in order. */
    List<String> names() {
        return names;
    }

    /** The names with a qualifier: {@code q."a", q."b"}. */
    String names(String qualifier) {
        return String.join(", ", names.stream().map(name -> qualifier + "." + name).toList());
    }

    /** The bag now: every branch over its sources now, without weights. */
    String current() throws NotDifferentiableException {
        List<String> selects = new ArrayList<>();
        for (Branch branch : branches) {
            selects.add(branch.renderer().current(branch.items()));
        }
        return String.join("\nUNION ALL\n", selects);
    }

    /** The bag's delta: its columns and {@code __pgs_w}, the weight (+1 inserted, -1 deleted; or a product). */
    String delta() throws NotDifferentiableException {
        List<String> terms = new ArrayList<>();
        for (Branch branch : branches) {
            for (SourceState[] states : JoinDelta.terms(branch.scans())) {
                terms.add(branch.renderer().term(branch.items(), states));
            }
        }
        return String.join("\nUNION ALL\n", terms);
    }

    /**
     * The opening of a delta statement over this bag, up to CTE {@code __pgs_n}: the delta netted per
     * distinct row, one row each with its text form {@code __pgs_t} (which keys it) and its net weight
     * {@code __pgs_net}. An insert and a delete of one row in one refresh cancel out here.
     */
    String nettedDelta() throws NotDifferentiableException {
        return DeltaStatement.FRONTIER + """
                ,
                __pgs_d AS (
                %1$s),
                __pgs_n AS (
                    SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
                      FROM (SELECT d.*, ROW(%2$s)::text AS __pgs_t FROM __pgs_d d) x)""".formatted(delta(), names("d"));
    }
}
