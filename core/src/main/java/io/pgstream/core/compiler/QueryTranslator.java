package io.pgstream.core.compiler;

import io.pgstream.core.algebra.AggregateCall;
import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.algebra.TableName;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;

/**
 * Reads a query as PostgreSQL normalized it ({@code pg_get_viewdef} with an empty search path: every
 * table schema-qualified, {@code *} expanded, every output named) into the algebra: one SELECT here,
 * UNION and UNION ALL in {@link SetOperationTranslator}. The algebra says what the query means, as
 * written; the rewrites bring it to the shapes differentiated ({@code SELECT DISTINCT} is a
 * Distinct over the projection, whatever lies beneath). Anything outside
 * the differentiable shapes raises {@link NotDifferentiableException} naming the construct. The
 * parser's rendering of expressions is checked by the caller: PostgreSQL must normalize
 * {@link Translation#rendered()} back to the same definition, or the query is refreshed in full.
 */
public final class QueryTranslator {

    /** Prefix of the hidden column of an aggregate call no output shows bare, followed by its index. */
    static final String HIDDEN_CALL = "__pgs_agg_";

    /** The algebra and the parser's own rendering of the whole query. */
    public record Translation(Rel rel, String rendered) {}

    private QueryTranslator() {}

    public static Translation translate(String definition, QueryFacts facts) throws NotDifferentiableException {
        rejectByFacts(facts);
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(OperatorSpelling.asKeywords(definition));
        } catch (JSQLParserException e) {
            throw new NotDifferentiableException("the SQL parser cannot read this query ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        return switch (statement) {
            case PlainSelect select -> new Translation(select(select, facts), select.toString());
            case SetOperationList setOperation ->
                    new Translation(SetOperationTranslator.translate(setOperation, facts), setOperation.toString());
            default -> throw new NotDifferentiableException("a statement other than a SELECT");
        };
    }

    /** One SELECT: its FROM, WHERE, outputs, grouping and DISTINCT. */
    static Rel select(PlainSelect select, QueryFacts facts) throws NotDifferentiableException {
        rejectClauses(select);
        Rel rel = from(select);
        if (select.getWhere() != null) {
            rel = new Rel.Filter(rel, select.getWhere().toString());
        }
        List<OutputColumn> outputs = outputs(select);
        // PostgreSQL says whether it aggregates: an aggregate inside an expression (sum(x) * 2) counts too
        boolean grouped = select.getGroupBy() != null || select.getHaving() != null || facts.hasAggregates();
        rel = grouped ? aggregate(rel, select, outputs, facts) : new Rel.Project(rel, outputs);
        return select.getDistinct() != null ? new Rel.Distinct(rel) : rel;
    }

    private static void rejectByFacts(QueryFacts facts) throws NotDifferentiableException {
        if (facts.hasSubLinks()) {
            throw new NotDifferentiableException("a subquery in an expression (EXISTS, IN, scalar subquery)");
        }
        if (facts.hasWindowFunctions()) {
            throw new NotDifferentiableException("a window function");
        }
        if (facts.hasSetReturningFunctions()) {
            throw new NotDifferentiableException("a set-returning function in the SELECT list");
        }
        if (facts.hasDistinctOn()) {
            throw new NotDifferentiableException("DISTINCT ON");
        }
    }

    private static void rejectClauses(PlainSelect select) throws NotDifferentiableException {
        rejectModifiers(select);
        if (select.getDistinct() != null
                && (select.getDistinct().getOnSelectItems() != null || select.getDistinct().isUseUnique())) {
            throw new NotDifferentiableException("DISTINCT ON");
        }
        if (select.getFromItem() == null) {
            throw new NotDifferentiableException("a query without FROM");
        }
    }

    /** What any SELECT, plain or a set operation, may carry and a stream table cannot follow. */
    static void rejectModifiers(Select select) throws NotDifferentiableException {
        if (select.getWithItemsList() != null && !select.getWithItemsList().isEmpty()) {
            throw new NotDifferentiableException("a WITH clause");
        }
        if (select.getLimit() != null || select.getOffset() != null || select.getFetch() != null) {
            throw new NotDifferentiableException("LIMIT, OFFSET or FETCH");
        }
    }

    /** FROM with inner joins, flattened: scans plus the ON conditions. */
    private static Rel from(PlainSelect select) throws NotDifferentiableException {
        List<Rel.Scan> scans = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        collect(select.getFromItem(), select.getJoins(), scans, conditions);
        return scans.size() == 1 ? scans.getFirst() : new Rel.Join(scans, conditions);
    }

    private static void collect(FromItem item, List<Join> joins, List<Rel.Scan> scans, List<String> conditions)
            throws NotDifferentiableException {
        switch (item) {
            case Table table -> scans.add(scan(table));
            case ParenthesedFromItem nested -> {
                if (nested.getAlias() != null) {
                    throw new NotDifferentiableException("an aliased join");
                }
                collect(nested.getFromItem(), nested.getJoins(), scans, conditions);
            }
            default -> throw new NotDifferentiableException("a FROM item other than a table (" + item + ")");
        }
        for (Join join : joins == null ? List.<Join>of() : joins) {
            if (join.isOuter() || join.isLeft() || join.isRight() || join.isFull() || join.isNatural()
                    || join.isSemi() || join.isApply()) {
                throw new NotDifferentiableException("an outer, natural or semi join (" + join + ")");
            }
            if (join.getUsingColumns() != null && !join.getUsingColumns().isEmpty()) {
                throw new NotDifferentiableException("JOIN ... USING");
            }
            collect(join.getRightItem(), List.of(), scans, conditions);
            for (Expression on : join.getOnExpressions()) {
                conditions.add(on.toString());
            }
        }
    }

    private static Rel.Scan scan(Table table) throws NotDifferentiableException {
        if (table.getSchemaName() == null) {
            throw new NotDifferentiableException("an unqualified table name (" + table + ")");
        }
        if (table.getSampleClause() != null || table.getPivot() != null) {
            throw new NotDifferentiableException("TABLESAMPLE");
        }
        String alias = table.getAlias() != null ? table.getAlias().getName() : table.getName();
        if (table.getAlias() != null && table.getAlias().getAliasColumns() != null) {
            throw new NotDifferentiableException("a table alias with column names (" + table + ")");
        }
        return new Rel.Scan(new TableName(unquote(table.getSchemaName()), unquote(table.getName())), alias);
    }

    private static List<OutputColumn> outputs(PlainSelect select) throws NotDifferentiableException {
        List<OutputColumn> outputs = new ArrayList<>();
        for (SelectItem<?> item : select.getSelectItems()) {
            Expression expression = item.getExpression();
            String name;
            if (item.getAlias() != null) {
                name = unquote(item.getAlias().getName());
            } else if (expression instanceof Column column) {
                name = unquote(column.getColumnName());
            } else {
                throw new NotDifferentiableException("an unnamed output column (" + item + ")");
            }
            outputs.add(new OutputColumn(name, expression.toString()));
        }
        return outputs;
    }

    /**
     * GROUP BY: the aggregate calls outputs show bare come first, under their columns; a call that only
     * appears inside a computed output or HAVING is kept in a hidden column ({@value #HIDDEN_CALL}j).
     * HAVING is a filter over the groups.
     */
    private static Rel aggregate(Rel input, PlainSelect select, List<OutputColumn> outputs, QueryFacts facts)
            throws NotDifferentiableException {
        List<String> outputExpressions = outputs.stream().map(OutputColumn::expression).toList();
        List<String> keys = groupKeys(select.getGroupBy()).stream().map(key -> asOutput(key, outputExpressions)).toList();
        List<AggregateCall> calls = new ArrayList<>();
        List<OutputColumn> computed = new ArrayList<>();
        for (OutputColumn output : outputs) {
            if (keys.contains(output.expression())) {
                continue;
            }
            if (expressionOf(output, select) instanceof Function function && facts.aggregateFunctions().contains(GroupExpression.name(function))
                    && calls.stream().noneMatch(c -> c.sql().equals(function.toString()))) {
                calls.add(aggregateCall(function, output.name()));
            } else {
                computed.add(output);
            }
        }
        for (OutputColumn output : computed) {
            addHiddenCalls(expressionOf(output, select), calls, facts);
            GroupExpression.check(output.expression(), facts.aggregateFunctions(), keys);
        }
        if (select.getHaving() != null) {
            addHiddenCalls(select.getHaving(), calls, facts);
            GroupExpression.check(select.getHaving().toString(), facts.aggregateFunctions(), keys);
        }
        for (String key : keys) {
            if (!outputExpressions.contains(key)) {
                throw new NotDifferentiableException("a GROUP BY key that is not an output column (" + key + ")");
            }
        }
        Rel groups = new Rel.Aggregate(input, keys, calls);
        if (select.getHaving() != null) {
            groups = new Rel.Filter(groups, select.getHaving().toString());
        }
        return new Rel.Project(groups, outputs);
    }

    /**
     * A GROUP BY key spelled as the output that shows it. PostgreSQL prints a key that is not a plain column in
     * parentheses, {@code GROUP BY (date_trunc('minute'::text, o.at))}, but a function call in the select
     * list without them: the same expression, which must match as one.
     */
    private static String asOutput(String key, List<String> outputExpressions) {
        boolean parenthesized = key.startsWith("(") && key.endsWith(")");
        String inner = parenthesized ? key.substring(1, key.length() - 1) : key;
        return !outputExpressions.contains(key) && outputExpressions.contains(inner) ? inner : key;
    }

    private static void addHiddenCalls(Expression expression, List<AggregateCall> calls, QueryFacts facts)
            throws NotDifferentiableException {
        for (Function function : GroupExpression.aggregateCalls(expression, facts.aggregateFunctions())) {
            if (calls.stream().noneMatch(c -> c.sql().equals(function.toString()))) {
                calls.add(aggregateCall(function, HIDDEN_CALL + calls.size()));
            }
        }
    }

    private static List<String> groupKeys(GroupByElement groupBy) throws NotDifferentiableException {
        if (groupBy == null) {
            return List.of();
        }
        if (groupBy.getGroupingSets() != null && !groupBy.getGroupingSets().isEmpty()) {
            throw new NotDifferentiableException("GROUPING SETS, ROLLUP or CUBE");
        }
        ExpressionList<?> list = groupBy.getGroupByExpressionList();
        if (list instanceof ParenthesedExpressionList<?> parenthesed) {
            // GROUP BY (a % 2) parses as one parenthesized list: one key, written with its parentheses
            if (parenthesed.size() != 1) {
                throw new NotDifferentiableException("a row-valued GROUP BY key (" + parenthesed + ")");
            }
            return List.of(parenthesed.toString());
        }
        List<String> keys = new ArrayList<>();
        for (Object key : list) {
            keys.add(key.toString());
        }
        return keys;
    }

    private static AggregateCall aggregateCall(Function function, String output) throws NotDifferentiableException {
        int arguments = function.getParameters() == null ? 0 : function.getParameters().size();
        // count(*) arrives as one argument that is the AllColumns expression
        boolean star = function.isAllColumns() || (arguments == 1 && function.getParameters().getFirst() instanceof AllColumns);
        AggregateCall.Kind kind = AggregateCall.Kind.of(GroupExpression.name(function), star);
        if (kind == null) {
            throw new NotDifferentiableException("the aggregate " + function.getName() + "()");
        }
        // parenthesized, so that it can be used inside other expressions as it is
        String argument = arguments == 1 && !star ? "(" + function.getParameters().getFirst() + ")" : null;
        if (function.isDistinct() || function.getOrderByElements() != null || function.getHavingClause() != null
                || function.getNullHandling() != null || function.getLimit() != null
                || (kind != AggregateCall.Kind.COUNT_STAR && arguments != 1)) {
            throw new NotDifferentiableException("an aggregate with DISTINCT, ORDER BY or several arguments ("
                    + function + ")");
        }
        return new AggregateCall(kind, argument, function.toString(), output);
    }

    private static Expression expressionOf(OutputColumn output, PlainSelect select) {
        return select.getSelectItems().stream()
                .filter(item -> item.getExpression().toString().equals(output.expression()))
                .findFirst().orElseThrow().getExpression();
    }

    /** An identifier as PostgreSQL stores it: quotes removed and doubled quotes undone. */
    static String unquote(String identifier) {
        if (identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"")) {
            return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
        }
        return identifier;
    }
}
