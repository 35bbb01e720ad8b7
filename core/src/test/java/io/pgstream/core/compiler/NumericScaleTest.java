package io.pgstream.core.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgstream.core.algebra.AggregateCall;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.compiler.NumericScale.Builtin;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Expressions as QueryReader builds them from PostgreSQL's analysis (an implicit int-to-numeric cast is a
 * {@link Expr.Cast}, as is a cast to numeric(p,s)), over a table {@code t} of numeric(15,2) columns price,
 * discount and tax, an integer qty, a plain numeric x, a float8 f, a text s and a boolean flag.
 */
class NumericScaleTest {

    private static final Expr.Type NUMERIC = new Expr.Type(1700, -1);
    private static final Expr.Type INT4 = new Expr.Type(23, -1);
    private static final Expr.Type FLOAT8 = new Expr.Type(701, -1);

    private static final Expr PRICE = column("price", numeric(15, 2));
    private static final Expr DISCOUNT = column("discount", numeric(15, 2));
    private static final Expr TAX = column("tax", numeric(15, 2));
    private static final Expr QTY = column("qty", INT4);
    private static final Expr X = column("x", NUMERIC);
    private static final Expr F = column("f", FLOAT8);
    private static final Expr S = column("s", new Expr.Type(25, -1));
    private static final Expr FLAG = column("flag", new Expr.Type(16, -1));

    /** The typmod of numeric(precision, scale), as PostgreSQL 15 and later encode it (a negative scale too). */
    private static Expr.Type numeric(int precision, int scale) {
        return new Expr.Type(1700, ((precision << 16) | (scale & 0x7ff)) + 4);
    }

    private static Expr column(String name, Expr.Type type) {
        return new Expr.Column("t", name, type);
    }

    private static Expr integer(int value) {
        return new Expr.Const(INT4, Integer.toString(value));
    }

    private static Expr decimal(String text) {
        return new Expr.Const(NUMERIC, text);
    }

    /** An integer in a numeric context: PostgreSQL casts it implicitly, through numeric(integer). */
    private static Expr asNumeric(Expr arg) {
        return new Expr.Cast(arg, NUMERIC);
    }

    private static Expr op(Builtin builtin, Expr... args) {
        return new Expr.Operator(builtin.oid(), Arrays.asList(args));
    }

    private static Expr fn(Builtin builtin, Expr... args) {
        return new Expr.Function(builtin.oid(), Arrays.asList(args), false, NUMERIC);
    }

    private static void assertScale(int expected, Expr expr) {
        assertEquals(OptionalInt.of(expected), NumericScale.of(expr), expr::toString);
    }

    private static void assertNotFixed(Expr expr) {
        assertEquals(OptionalInt.empty(), NumericScale.of(expr), expr::toString);
    }

    @Test
    void columnsHaveTheScaleOfTheirType() {
        assertScale(2, PRICE);
        assertScale(0, column("whole", numeric(10, 0)));
        assertScale(0, column("hundreds", numeric(5, -2))); // rounded to hundreds, printed without fraction
        assertScale(0, QTY);
        assertNotFixed(X);
        assertNotFixed(F);
    }

    @Test
    void theTpchDiscountedPriceHasScaleFourAndTheChargeSix() {
        Expr discounted = op(Builtin.MULTIPLY, PRICE, op(Builtin.SUBTRACT, asNumeric(integer(1)), DISCOUNT));
        assertScale(4, discounted);
        assertScale(6, op(Builtin.MULTIPLY, discounted, op(Builtin.ADD, asNumeric(integer(1)), TAX)));
        assertScale(2, op(Builtin.MULTIPLY, PRICE, asNumeric(QTY)));
    }

    @Test
    void sumsAndDifferencesTakeTheLargerScale() {
        assertScale(2, op(Builtin.SUBTRACT, PRICE, asNumeric(integer(1))));
        assertScale(3, op(Builtin.ADD, decimal("0.125"), PRICE));
        assertScale(2, op(Builtin.ADD, PRICE, decimal("10")));
        assertNotFixed(op(Builtin.ADD, PRICE, X));
    }

    @Test
    void literalsHaveTheScaleTheyAreWrittenWith() {
        assertScale(4, op(Builtin.MULTIPLY, PRICE, decimal("0.06")));
        assertScale(2, decimal("-3.50"));
        assertNotFixed(decimal("NaN"));
        assertNotFixed(new Expr.Const(NUMERIC, null));
    }

    @Test
    void signsAndAbsoluteValuesKeepTheScale() {
        assertScale(2, op(Builtin.NEGATE, PRICE));
        assertScale(2, op(Builtin.UNARY_PLUS, PRICE));
        assertScale(2, op(Builtin.ABSOLUTE_VALUE, PRICE));
        assertScale(4, fn(Builtin.ABS, op(Builtin.MULTIPLY, PRICE, DISCOUNT)));
    }

    @Test
    void castsToNumericWithATypmodSetItsScale() {
        Expr third = new Expr.Operator(1761, List.of(PRICE, asNumeric(integer(3)))); // numeric_div
        assertScale(3, new Expr.Cast(third, numeric(8, 3)));
        assertScale(1, new Expr.Cast(F, numeric(10, 1)));
        assertScale(0, asNumeric(QTY));
        assertScale(2, asNumeric(PRICE));
        assertScale(0, asNumeric(new Expr.Cast(F, INT4)));
        assertNotFixed(asNumeric(F));
        assertNotFixed(asNumeric(S));
        assertNotFixed(asNumeric(new Expr.Operator(551, List.of(QTY, integer(1))))); // int4pl: no result type in the tree
    }

    @Test
    void roundingToAConstantSetsTheScale() {
        Expr product = op(Builtin.MULTIPLY, PRICE, DISCOUNT);
        assertScale(2, fn(Builtin.ROUND_TO, product, integer(2)));
        assertScale(5, fn(Builtin.ROUND_TO, PRICE, integer(5)));
        assertScale(0, fn(Builtin.ROUND_TO, X, integer(-1)));
        assertScale(3, fn(Builtin.TRUNC_TO, X, integer(3)));
        assertScale(0, fn(Builtin.ROUND, X));
        assertScale(0, fn(Builtin.TRUNC, X));
        assertScale(0, fn(Builtin.CEIL, X));
        assertScale(0, fn(Builtin.FLOOR, X));
        assertNotFixed(fn(Builtin.ROUND_TO, PRICE, QTY));
    }

    @Test
    void divisionAndOtherFunctionsHaveNoFixedScale() {
        assertNotFixed(new Expr.Operator(1761, List.of(PRICE, asNumeric(integer(3))))); // numeric_div
        assertNotFixed(new Expr.Function(1731, List.of(PRICE), false, NUMERIC)); // numeric_sqrt(numeric)
        assertNotFixed(new Expr.Operator(1038, List.of(PRICE, asNumeric(integer(2))))); // numeric_power
        assertNotFixed(op(Builtin.MULTIPLY, PRICE, asNumeric(F)));
    }

    @Test
    void anOperatorIsKnownByItsOidNotItsName() {
        assertNotFixed(new Expr.Operator(90_001, List.of(PRICE, DISCOUNT))); // a user's * over numerics
        assertNotFixed(new Expr.Function(90_002, List.of(PRICE, integer(2)), false, NUMERIC)); // a user's round
        assertScale(0, new Expr.Function(90_003, List.of(S), false, INT4)); // any integer is scale 0
    }

    @Test
    void branchesMustAllHaveTheSameScale() {
        Expr whenFlag = new Expr.Bool(Expr.BoolOp.NOT, List.of(new Expr.NullTest(FLAG, true)));
        assertScale(2, new Expr.Case(null, List.of(new Expr.When(whenFlag, PRICE)), decimal("0.00")));
        assertScale(2, new Expr.Case(null, List.of(new Expr.When(whenFlag, PRICE)), new Expr.Const(NUMERIC, null)));
        assertNotFixed(new Expr.Case(null, List.of(new Expr.When(whenFlag, PRICE)), asNumeric(integer(0))));
        assertNotFixed(new Expr.Case(null, List.of(new Expr.When(whenFlag, new Expr.Const(NUMERIC, null))), null));
        assertScale(2, new Expr.Coalesce(List.of(PRICE, DISCOUNT, decimal("0.00"))));
        assertNotFixed(new Expr.Coalesce(List.of(PRICE, asNumeric(integer(0)))));
        assertScale(2, new Expr.Extreme(true, List.of(PRICE, TAX)));
        assertScale(2, new Expr.NullIf(1752, PRICE, decimal("0")));
    }

    @Test
    void noClaimBeyondPostgresqlsLargestDisplayScale() {
        Expr fine = column("fine", numeric(1000, 1000));
        assertScale(1000, fine);
        assertNotFixed(op(Builtin.MULTIPLY, fine, fine));
    }

    @Test
    void sumsOfFixedScaleNumericExpressionsAreKeptByCounters() {
        Expr discounted = op(Builtin.MULTIPLY, PRICE, op(Builtin.SUBTRACT, asNumeric(integer(1)), DISCOUNT));
        Expr third = new Expr.Operator(1761, List.of(PRICE, asNumeric(integer(3))));
        assertEquals(AggregateMaintenance.COUNTERS, maintenance(AggregateCall.Kind.SUM, discounted, "numeric"));
        assertEquals(AggregateMaintenance.COUNTERS, maintenance(AggregateCall.Kind.AVG, discounted, "numeric"));
        assertEquals(AggregateMaintenance.RECOMPUTE_ON_DELETE, maintenance(AggregateCall.Kind.SUM, third, "numeric"));
        assertEquals(AggregateMaintenance.RECOMPUTE_ON_DELETE, maintenance(AggregateCall.Kind.AVG, X, "numeric"));
        assertEquals(AggregateMaintenance.COUNTERS, maintenance(AggregateCall.Kind.SUM, PRICE, "numeric(15,2)"));
        assertEquals(AggregateMaintenance.RECOMPUTE, maintenance(AggregateCall.Kind.SUM, F, "double precision"));
    }

    private static AggregateMaintenance maintenance(AggregateCall.Kind kind, Expr argument, String type) {
        Expr.Aggregate call = new Expr.Aggregate(2114, List.of(argument), List.of(), false, null, false, false, 0, NUMERIC);
        return AggregateMaintenance.of(new AggregateCall(kind, argument, call, "out"), type);
    }
}
