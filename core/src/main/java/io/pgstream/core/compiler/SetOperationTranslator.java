package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import java.util.List;
import net.sf.jsqlparser.statement.select.ExceptOp;
import net.sf.jsqlparser.statement.select.IntersectOp;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.UnionOp;

/**
 * Reads UNION and UNION ALL into the algebra. Set operations associate to the left, as SQL defines
 * them: {@code A UNION ALL B UNION C} is δ((A ⊎ B) ⊎ C); PostgreSQL prints any other grouping in
 * parentheses, read here as a nested operation. INTERSECT and EXCEPT are refused, named.
 *
 * <p>PostgreSQL's facts about a set operation are those of its outer level, which has no aggregates of
 * its own: whether a branch aggregates is unknown here, so any aggregate call in the query (the facts
 * list every one, branches included) refuses it, rather than reading {@code SELECT sum(x) FROM t} as a
 * projection.
 */
final class SetOperationTranslator {

    private SetOperationTranslator() {}

    static Rel translate(SetOperationList list, QueryFacts facts) throws NotDifferentiableException {
        if (!facts.aggregateFunctions().isEmpty()) {
            throw new NotDifferentiableException("an aggregate inside UNION (" + String.join(", ", facts.aggregateFunctions())
                    + "): each branch must be a select-project-join query");
        }
        QueryTranslator.rejectModifiers(list);
        List<Select> selects = list.getSelects();
        Rel rel = branch(selects.getFirst(), facts);
        for (int i = 0; i < list.getOperations().size(); i++) {
            rel = combine(list.getOperation(i), rel, branch(selects.get(i + 1), facts));
        }
        return rel;
    }

    private static Rel combine(SetOperation operation, Rel left, Rel right) throws NotDifferentiableException {
        return switch (operation) {
            case UnionOp union when union.isAll() -> new Rel.UnionAll(List.of(left, right));
            case UnionOp union -> new Rel.Distinct(new Rel.UnionAll(List.of(left, right)));
            case IntersectOp intersect -> throw new NotDifferentiableException("INTERSECT");
            case ExceptOp except -> throw new NotDifferentiableException("EXCEPT");
            default -> throw new NotDifferentiableException("the set operation " + operation);
        };
    }

    private static Rel branch(Select select, QueryFacts facts) throws NotDifferentiableException {
        return switch (select) {
            case PlainSelect plain -> QueryTranslator.select(plain, facts);
            case SetOperationList nested -> translate(nested, facts);
            case ParenthesedSelect parenthesed -> {
                QueryTranslator.rejectModifiers(parenthesed);
                yield branch(parenthesed.getSelect(), facts);
            }
            default -> throw new NotDifferentiableException("a UNION branch other than a SELECT (" + select + ")");
        };
    }
}
