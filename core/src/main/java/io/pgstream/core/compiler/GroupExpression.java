package io.pgstream.core.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;

/**
 * An expression over a group, as a computed output ({@code round(avg(v), 2)}) or HAVING has it: made
 * of aggregate calls, GROUP BY keys and constants. It is read for its aggregate calls, and rendered with
 * each call and each key replaced by the SQL of its value in the delta statement.
 *
 * <p>Rendering changes only the nodes replaced: the parser prints every other node as it printed the
 * whole query, which PostgreSQL normalized back to its definition (the compiler's round-trip check).
 * A column that is not a key, outside an aggregate call, is refused: its value is not the group's.
 */
final class GroupExpression {

    private static final String CALL_MARK = "__pgs_call_";
    private static final String KEY_MARK = "__pgs_key_";

    private GroupExpression() {}

    /** The aggregate calls in an expression, in the order the parser meets them. */
    static List<Function> aggregateCalls(Expression expression, Set<String> aggregates) throws NotDifferentiableException {
        List<Function> calls = new ArrayList<>();
        walk(expression, aggregates, calls, new ArrayList<>());
        return calls;
    }

    /** Refuses an expression that {@link #render} could not render. */
    static void check(String text, Set<String> aggregates, List<String> keys) throws NotDifferentiableException {
        render(text, aggregates, keys, call -> call, key -> keys.get(key));
    }

    /**
     * The expression (as the parser prints it) with each aggregate call replaced by {@code call} of its
     * text, and each key (one of {@code keys}, matched by text) by {@code key} of its index.
     */
    static String render(String text, Set<String> aggregates, List<String> keys, UnaryOperator<String> call,
                         IntFunction<String> key) throws NotDifferentiableException {
        Expression expression = parse(text);
        List<Function> calls = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        walk(expression, aggregates, calls, columns);
        List<String> callTexts = new ArrayList<>();
        for (Function function : calls) {
            callTexts.add(function.toString());
            function.setName(CALL_MARK + (callTexts.size() - 1) + "_");
            function.setParameters((ExpressionList<?>) null);
            function.setAllColumns(false);
        }
        List<Integer> keyIndexes = new ArrayList<>();
        for (Column column : columns) {
            int index = keys.indexOf(column.toString());
            if (index < 0) {
                throw new NotDifferentiableException("a column outside aggregates that is not a GROUP BY key, in ("
                        + text + ")");
            }
            keyIndexes.add(index);
            column.setTable(null);
            column.setColumnName(KEY_MARK + (keyIndexes.size() - 1) + "_");
        }
        String rendered = expression.toString();
        // the marks are unique and end with '_', so that mark 1_ is not a prefix of mark 10_
        for (int i = 0; i < callTexts.size(); i++) {
            rendered = rendered.replace(CALL_MARK + i + "_()", "(" + call.apply(callTexts.get(i)) + ")");
        }
        for (int i = 0; i < keyIndexes.size(); i++) {
            rendered = rendered.replace(KEY_MARK + i + "_", "(" + key.apply(keyIndexes.get(i)) + ")");
        }
        return rendered;
    }

    private static Expression parse(String text) throws NotDifferentiableException {
        try {
            Expression expression = CCJSqlParserUtil.parseExpression(text);
            if (!expression.toString().equals(text)) {
                throw new NotDifferentiableException("an expression the SQL parser does not read back as it printed it ("
                        + text + ")");
            }
            return expression;
        } catch (JSQLParserException e) {
            throw new NotDifferentiableException("an expression the SQL parser cannot read back (" + text + ")");
        }
    }

    private static void walk(Expression expression, Set<String> aggregates, List<Function> calls, List<Column> columns)
            throws NotDifferentiableException {
        List<String> refusals = new ArrayList<>();
        expression.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Function function, S context) {
                if (aggregates.contains(name(function))) {
                    calls.add(function); // its arguments are the rows', not the group's: not walked
                    return null;
                }
                return super.visit(function, context);
            }

            @Override
            public <S> Void visit(AnalyticExpression analytic, S context) {
                refusals.add("an aggregate with FILTER or OVER (" + analytic + ")");
                return null;
            }

            @Override
            public <S> Void visit(ParenthesedSelect select, S context) {
                refusals.add("a subquery (" + select + ")");
                return null;
            }

            @Override
            public <S> Void visit(Column column, S context) {
                columns.add(column);
                return null;
            }
        }, null);
        if (!refusals.isEmpty()) {
            throw new NotDifferentiableException(refusals.getFirst());
        }
    }

    /** A function's name as PostgreSQL stores it, lower case, without schema. */
    static String name(Function function) {
        return QueryTranslator.unquote(function.getMultipartName().getLast()).toLowerCase(Locale.ROOT);
    }
}
