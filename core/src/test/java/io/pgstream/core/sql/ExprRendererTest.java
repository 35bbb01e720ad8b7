package io.pgstream.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pgstream.core.analyzed.Catalog;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.analyzed.Expr.*;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One case per node type: the SQL each analyzed node renders to. */
class ExprRendererTest {

    private static final Type INT4 = new Type(23, -1);
    private static final Type TEXT = new Type(25, -1);
    private static final Type NUMERIC_12_2 = new Type(1700, 786438);
    private static final Type INT4_ARRAY = new Type(1007, -1);

    private static final Catalog CATALOG = new Catalog(
            Map.of(96L, new Catalog.Operator("pg_catalog", "="), 97L, new Catalog.Operator("pg_catalog", "<"),
                    558L, new Catalog.Operator("pg_catalog", "-"), 9000L, new Catalog.Operator("my ops", "==="),
                    521L, new Catalog.Operator("pg_catalog", ">")),
            Map.of(871L, new Catalog.Function("pg_catalog", "upper", "f", 0, "i"),
                    2108L, new Catalog.Function("pg_catalog", "sum", "a", 0, "i"),
                    2803L, new Catalog.Function("pg_catalog", "count", "a", 0, "i"),
                    3100L, new Catalog.Function("pg_catalog", "row_number", "w", 0, "i"),
                    3058L, new Catalog.Function("pg_catalog", "concat", "f", 2276, "s"),
                    9001L, new Catalog.Function("pg_catalog", "array_pos", "f", 23, "i"),
                    9002L, new Catalog.Function("My Schema", "f", "f", 0, "i")),
            Map.of(INT4, "integer", TEXT, "text", NUMERIC_12_2, "numeric(12,2)", INT4_ARRAY, "integer[]",
                    new Type(1042, -1), "bpchar", new Type(9003, -1), "\"My Schema\".\"my type\""),
            Map.of(950L, "\"pg_catalog\".\"C\""),
            Map.of(), Map.of());

    private static final ExprRenderer SQL = new ExprRenderer(CATALOG);

    private static final Column K = new Column("a", "k", INT4);
    private static final Column T = new Column("a", "t", TEXT);
    private static final Column V = new Column("my \"alias\"", "v", NUMERIC_12_2);

    private static String render(Expr expr) {
        return SQL.render(expr);
    }

    private static Const integer(int value) {
        return new Const(INT4, Integer.toString(value));
    }

    @Test
    void columnsAreQualifiedAndQuoted() {
        assertEquals("\"a\".\"k\"", render(K));
        assertEquals("\"my \"\"alias\"\"\".\"v\"", render(V));
    }

    @Test
    void constantsCarryTheirType() {
        assertEquals("1", render(integer(1)));
        assertEquals("(-1)", render(integer(-1)));
        assertEquals("'it''s'::text", render(new Const(TEXT, "it's")));
        assertEquals("'ab '::bpchar", render(new Const(new Type(1042, -1), "ab ")));
        assertEquals("CAST(NULL AS numeric(12,2))", render(new Const(NUMERIC_12_2, null)));
        assertEquals("true", render(new Const(new Type(16, -1), "true")));
    }

    @Test
    void operatorsAreQualified() {
        assertEquals("(\"a\".\"k\" OPERATOR(pg_catalog.=) 1)", render(new Operator(96, List.of(K, integer(1)))));
        assertEquals("(OPERATOR(pg_catalog.-) \"a\".\"k\")", render(new Operator(558, List.of(K))));
        assertEquals("(\"a\".\"k\" OPERATOR(\"my ops\".===) 1)", render(new Operator(9000, List.of(K, integer(1)))));
    }

    @Test
    void distinctFromNullIfAndArrayComparisons() {
        assertEquals("(\"a\".\"k\" IS DISTINCT FROM 1)", render(new DistinctFrom(96, K, integer(1))));
        assertEquals("NULLIF(\"a\".\"k\", 1)", render(new NullIf(96, K, integer(1))));
        Expr.Array array = new Expr.Array(INT4_ARRAY, List.of(integer(1), integer(2)));
        assertEquals("(\"a\".\"k\" OPERATOR(pg_catalog.=) ANY (CAST(ARRAY[1, 2] AS integer[])))",
                render(new ArrayComparison(96, true, K, array)));
        assertEquals("(\"a\".\"k\" OPERATOR(pg_catalog.<) ALL (CAST(ARRAY[1, 2] AS integer[])))",
                render(new ArrayComparison(97, false, K, array)));
    }

    @Test
    void functionsAreQualifiedWithVariadicAndNamedArguments() {
        assertEquals("pg_catalog.\"upper\"(\"a\".\"t\")", render(new Expr.Function(871, List.of(T), false, TEXT)));
        assertEquals("\"My Schema\".\"f\"(\"x\" => 1)",
                render(new Expr.Function(9002, List.of(new NamedArgument("x", integer(1))), false, INT4)));
        Expr.Array array = new Expr.Array(INT4_ARRAY, List.of(integer(1), integer(2)));
        assertEquals("pg_catalog.\"concat\"(\"a\".\"t\", VARIADIC CAST(ARRAY[1, 2] AS integer[]))",
                render(new Expr.Function(3058, List.of(T, array), true, TEXT)));
        assertEquals("pg_catalog.\"array_pos\"(\"a\".\"k\", 1, 2)",
                render(new Expr.Function(9001, List.of(K, array), false, INT4)), "gathered variadic arguments are spread again");
    }

    @Test
    void booleanNodes() {
        Expr equal = new Operator(96, List.of(K, integer(1)));
        assertEquals("((\"a\".\"k\" OPERATOR(pg_catalog.=) 1) AND (\"a\".\"t\" IS NULL) AND (NOT (\"a\".\"k\" IS NOT NULL)))",
                render(new Bool(BoolOp.AND, List.of(equal, new NullTest(T, true), new Bool(BoolOp.NOT, List.of(new NullTest(K, false)))))));
        assertEquals("(\"a\".\"k\" IS NOT UNKNOWN)", render(new BooleanTest(K, "IS NOT UNKNOWN")));
    }

    @Test
    void castsAndCollations() {
        assertEquals("CAST(\"a\".\"k\" AS numeric(12,2))", render(new Cast(K, NUMERIC_12_2)));
        assertEquals("CAST(\"a\".\"t\" AS \"My Schema\".\"my type\")", render(new Cast(T, new Type(9003, -1))));
        assertEquals("(\"a\".\"t\" COLLATE \"pg_catalog\".\"C\")", render(new Collate(T, 950)));
    }

    @Test
    void caseWithAndWithoutArgument() {
        Expr searched = new Case(null, List.of(new When(new NullTest(K, true), new Const(TEXT, "none"))), new Const(TEXT, "some"));
        assertEquals("CASE WHEN (\"a\".\"k\" IS NULL) THEN 'none'::text ELSE 'some'::text END", render(searched));
        Expr simple = new Case(K, List.of(new When(new Operator(96, List.of(new CaseValue(INT4), integer(0))), T)), null);
        assertEquals("CASE WHEN (\"a\".\"k\" OPERATOR(pg_catalog.=) 0) THEN \"a\".\"t\" END", render(simple));
    }

    @Test
    void coalesceExtremesArraysRowsAndSubscripts() {
        assertEquals("COALESCE(\"a\".\"k\", 0)", render(new Coalesce(List.of(K, integer(0)))));
        assertEquals("GREATEST(\"a\".\"k\", 0)", render(new Extreme(true, List.of(K, integer(0)))));
        assertEquals("LEAST(\"a\".\"k\", 0)", render(new Extreme(false, List.of(K, integer(0)))));
        assertEquals("ROW(\"a\".\"k\", \"a\".\"t\")", render(new Row(List.of(K, T), null)));
        assertEquals("(ROW(\"a\".\"k\", 1) OPERATOR(pg_catalog.<) ROW(2, 3))",
                render(new RowComparison(List.of(97L, 97L), List.of(K, integer(1)), List.of(integer(2), integer(3)))));
        Expr.Array array = new Expr.Array(INT4_ARRAY, List.of(K));
        assertEquals("((CAST(ARRAY[\"a\".\"k\"] AS integer[]))[1])", render(new Subscript(array, List.of(integer(1)), null)));
        assertEquals("((CAST(ARRAY[\"a\".\"k\"] AS integer[]))[:2])",
                render(new Subscript(array, List.of(integer(2)), java.util.Arrays.asList((Expr) null))));
    }

    @Test
    void aggregatesWithStarDistinctOrderAndFilter() {
        Type bigint = new Type(20, -1);
        assertEquals("pg_catalog.\"count\"(*)", render(new Aggregate(2803, List.of(), List.of(), false, null, true, false, 0, bigint)));
        assertEquals("pg_catalog.\"sum\"(DISTINCT \"a\".\"k\" ORDER BY \"a\".\"k\" USING OPERATOR(pg_catalog.<) NULLS LAST)"
                        + " FILTER (WHERE (\"a\".\"t\" IS NOT NULL))",
                render(new Aggregate(2108, List.of(K), List.of(new SortKey(K, 97, false)), true, new NullTest(T, false), false,
                        false, 0, bigint)));
    }

    @Test
    void windowCallsWritePartitionOrderFrameAndFilter() {
        Over byK = new Over(List.of(K), List.of(new SortKey(T, 97, false), new SortKey(V, 521, true)), null);
        assertEquals("pg_catalog.\"row_number\"() OVER (PARTITION BY \"a\".\"k\" ORDER BY \"a\".\"t\" ASC NULLS LAST,"
                + " \"my \"\"alias\"\"\".\"v\" DESC NULLS FIRST)",
                render(new WindowCall(3100, List.of(), null, false, 1, byK, Catalog.INT8)));
        Over framed = new Over(List.of(), List.of(new SortKey(K, 97, false)),
                new Frame("GROUPS", new Bound("PRECEDING", integer(1)), new Bound("UNBOUNDED FOLLOWING", null), "TIES"));
        assertEquals("pg_catalog.\"count\"(*) FILTER (WHERE (\"a\".\"k\" OPERATOR(pg_catalog.=) 1)) OVER (ORDER BY \"a\".\"k\""
                + " ASC NULLS LAST GROUPS BETWEEN 1 PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES)",
                render(new WindowCall(2803, List.of(), new Operator(96, List.of(K, integer(1))), true, 2, framed, Catalog.INT8)));
        Over whole = new Over(List.of(), List.of(), new Frame("ROWS", new Bound("CURRENT ROW", null),
                new Bound("FOLLOWING", integer(2)), null));
        assertEquals("pg_catalog.\"sum\"(\"my \"\"alias\"\"\".\"v\") OVER (ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING)",
                render(new WindowCall(2108, List.of(V), null, false, 3, whole, NUMERIC_12_2)));
        Over using = new Over(List.of(), List.of(new SortKey(K, 9000, false)), null);
        assertThrows(IllegalStateException.class, () -> render(new WindowCall(3100, List.of(), null, false, 4, using, Catalog.INT8)));
    }

    @Test
    void substitutionsStandForWholeNodes() {
        Expr sum = new Aggregate(2108, List.of(K), List.of(), false, null, false, false, 0, new Type(20, -1));
        Expr doubled = new Operator(96, List.of(sum, K));
        assertEquals("(new_sum OPERATOR(pg_catalog.=) key0)",
                SQL.render(doubled, e -> e.equals(sum) ? "new_sum" : e.equals(K) ? "key0" : null));
    }

    @Test
    void unresolvedNodesAreCompilerBugs() {
        assertThrows(IllegalStateException.class, () -> render(new Var(1, 1, 0, INT4)));
        assertThrows(IllegalStateException.class, () -> render(new Unknown("WINDOWFUNC", "a window function")));
        assertThrows(IllegalStateException.class, () -> render(new CaseValue(INT4)));
    }
}
