package io.pgstream.core.compiler;

import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns each operator yields, in order, as the {@link Expr.Column}s its parent's expressions read:
 * a scan's captured columns qualified by its alias, a projection's outputs unqualified, a derived table's
 * outputs qualified by its name. In SQL, column i of any operator's rows is {@code __pgs_c<i>}: positions,
 * so that no name is ever truncated or collides.
 */
final class Columns {

    private final CompileRequest request;

    Columns(CompileRequest request) {
        this.request = request;
    }

    List<Expr.Column> of(Rel rel) throws NotDifferentiableException {
        return switch (rel) {
            case Rel.Scan scan -> {
                List<Expr.Column> columns = new ArrayList<>();
                for (String name : request.source(scan.table()).capturedColumns()) {
                    columns.add(new Expr.Column(scan.alias(), name, null));
                }
                yield columns;
            }
            case Rel.Values values -> values.names().stream().map(name -> new Expr.Column(values.alias(), name, null)).toList();
            case Rel.Join join -> {
                List<Expr.Column> columns = new ArrayList<>(of(join.left()));
                if (join.kind() != Rel.JoinKind.SEMI && join.kind() != Rel.JoinKind.ANTI) {
                    columns.addAll(of(join.right()));
                }
                yield columns;
            }
            case Rel.Filter filter -> of(filter.input());
            case Rel.Distinct distinct -> of(distinct.input());
            case Rel.Project project -> project.columns().stream().map(c -> new Expr.Column("", c.name(), null)).toList();
            case Rel.UnionAll union -> of(union.inputs().getFirst());
            case Rel.Combine combine -> of(combine.left());
            case Rel.Window window -> {
                List<Expr.Column> columns = new ArrayList<>(of(window.input()));
                window.calls().forEach(call -> columns.add(new Expr.Column(window.alias(), call.name(), null)));
                yield columns;
            }
            case Rel.Derived derived -> derived.names().stream().map(name -> new Expr.Column(derived.alias(), name, null)).toList();
            case Rel.TopK topK -> of(topK.input()).subList(0, topK.width());
            case Rel.Recursive recursive -> recursive.names().stream().map(name -> new Expr.Column(recursive.alias(), name, null)).toList();
            case Rel.RecursiveRef reference -> reference.names().stream().map(name -> new Expr.Column(reference.alias(), name, null)).toList();
            case Rel.Lateral lateral -> {
                List<Expr.Column> columns = new ArrayList<>(of(lateral.input()));
                lateral.names().forEach(name -> columns.add(new Expr.Column(lateral.alias(), name, null)));
                yield columns;
            }
            case Rel.Aggregate aggregate -> throw new IllegalStateException("an aggregate outside a projection");
        };
    }

    static String name(int position) {
        return "__pgs_c" + position;
    }
}
