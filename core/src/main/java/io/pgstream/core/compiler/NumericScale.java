package io.pgstream.core.compiler;

import io.pgstream.core.analyzed.Expr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.IntBinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The display scale of a numeric expression when PostgreSQL's arithmetic fixes it whatever the values: the
 * number of fraction digits every non-null value prints with. A sum of such values prints with that scale
 * too, so counters can keep it ({@link AggregateMaintenance}) where a sum of values of varying scale prints
 * the largest scale met, deleted values included.
 *
 * <p>The rules are those of PostgreSQL's numeric arithmetic: a numeric(p,s) column or cast has s (0 for a
 * negative s); an integer column, constant, cast or function result 0 (an operator's result type is not in
 * the analyzed tree, so {@code (k + 1)::numeric} is not known to be an integer); a numeric literal the scale
 * it is written with (the constant's text shows it); a cast to plain numeric its argument's; a sum or
 * difference the larger of its operands'; a product the sum of theirs; a unary minus, plus or absolute value
 * its operand's; round or trunc to a constant s has s (0 when s is negative), without it 0, as ceil and
 * floor; a CASE, COALESCE, GREATEST, LEAST or NULLIF the scale of its results when they all have the same one
 * (a NULL constant has no value to print). Anything else, division, sqrt, power, exp, ln, a conversion from
 * float or text, or a function this does not know, has no fixed scale. Operators and functions are recognized
 * by the OIDs PostgreSQL pins for its built-in ones ({@link Builtin}), never by name, so a user's operator
 * named {@code *} is not numeric_mul.
 */
public final class NumericScale {

    /** PostgreSQL's NUMERIC_MAX_DISPLAY_SCALE: no claim is made beyond it. */
    private static final int MAX_SCALE = 1000;

    private static final long INT2 = 21;
    private static final long INT4 = 23;
    private static final long INT8 = 20;
    private static final long NUMERIC = 1700;
    /** numeric's typmod: ((precision << 16) | scale) + VARHDRSZ, the scale an 11-bit signed field since PostgreSQL 15. */
    private static final int VARHDRSZ = 4;
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(?:\\.(\\d+))?");

    /** How a built-in's result scale follows from its arguments'. */
    private enum Rule { LARGEST, SUM, CONSTANT_SECOND_ARGUMENT, ZERO }

    /**
     * The pg_catalog operators and functions this knows, with the OID PostgreSQL pins for each (the same in
     * every release) and its signature as {@code regoperator} or {@code regprocedure} prints it.
     */
    public enum Builtin {
        ADD(true, 1758, "+(numeric,numeric)", Rule.LARGEST),
        SUBTRACT(true, 1759, "-(numeric,numeric)", Rule.LARGEST),
        MULTIPLY(true, 1760, "*(numeric,numeric)", Rule.SUM),
        NEGATE(true, 1751, "-(NONE,numeric)", Rule.LARGEST),
        UNARY_PLUS(true, 1921, "+(NONE,numeric)", Rule.LARGEST),
        ABSOLUTE_VALUE(true, 1763, "@(NONE,numeric)", Rule.LARGEST),
        ABS(false, 1705, "abs(numeric)", Rule.LARGEST),
        ROUND_TO(false, 1707, "round(numeric,integer)", Rule.CONSTANT_SECOND_ARGUMENT),
        ROUND(false, 1708, "round(numeric)", Rule.ZERO),
        TRUNC_TO(false, 1709, "trunc(numeric,integer)", Rule.CONSTANT_SECOND_ARGUMENT),
        TRUNC(false, 1710, "trunc(numeric)", Rule.ZERO),
        CEIL(false, 1711, "ceil(numeric)", Rule.ZERO),
        CEILING(false, 2167, "ceiling(numeric)", Rule.ZERO),
        FLOOR(false, 1712, "floor(numeric)", Rule.ZERO);

        private final boolean operator;
        private final long oid;
        private final String signature;
        private final Rule rule;

        Builtin(boolean operator, long oid, String signature, Rule rule) {
            this.operator = operator;
            this.oid = oid;
            this.signature = signature;
            this.rule = rule;
        }

        /** An operator (in pg_operator), else a function (in pg_proc). */
        public boolean operator() {
            return operator;
        }

        public long oid() {
            return oid;
        }

        public String signature() {
            return signature;
        }
    }

    private static final Map<Long, Builtin> OPERATORS = byOid(true);
    private static final Map<Long, Builtin> FUNCTIONS = byOid(false);

    private NumericScale() {}

    private static Map<Long, Builtin> byOid(boolean operators) {
        return Arrays.stream(Builtin.values()).filter(b -> b.operator == operators)
                .collect(Collectors.toUnmodifiableMap(Builtin::oid, builtin -> builtin));
    }

    /** The scale every non-null value of {@code expr} prints with, if PostgreSQL's rules fix it. */
    public static OptionalInt of(Expr expr) {
        OptionalInt scale = scale(expr);
        return scale.isPresent() && scale.getAsInt() > MAX_SCALE ? OptionalInt.empty() : scale;
    }

    private static OptionalInt scale(Expr expr) {
        return switch (expr) {
            case Expr.Column column -> ofType(column.type());
            case Expr.Var var -> ofType(var.type());
            case Expr.Const constant -> ofConstant(constant);
            case Expr.Cast cast -> ofCast(cast);
            case Expr.Operator operator -> OPERATORS.containsKey(operator.operator())
                    ? ofBuiltin(OPERATORS.get(operator.operator()), operator.args()) : OptionalInt.empty();
            case Expr.Function function -> ofFunction(function);
            case Expr.Case c -> alike(caseResults(c));
            case Expr.Coalesce coalesce -> alike(coalesce.args());
            case Expr.Extreme extreme -> alike(extreme.args());
            case Expr.NullIf nullIf -> of(nullIf.left());
            default -> OptionalInt.empty();
        };
    }

    /** A value of this type: an integer has scale 0, a numeric(p,s) has s, anything else no fixed scale. */
    private static OptionalInt ofType(Expr.Type type) {
        if (integer(type.oid())) {
            return OptionalInt.of(0);
        }
        return type.oid() == NUMERIC && type.typmod() >= VARHDRSZ ? OptionalInt.of(typmodScale(type.typmod())) : OptionalInt.empty();
    }

    private static boolean integer(long type) {
        return type == INT2 || type == INT4 || type == INT8;
    }

    /** The scale of a numeric typmod; PostgreSQL 15's negative scales round left of the point and print none. */
    private static int typmodScale(int typmod) {
        int scale = (((typmod - VARHDRSZ) & 0x7ff) ^ 1024) - 1024;
        return Math.max(scale, 0);
    }

    /** A NULL has no scale (it prints none); a numeric literal has the scale of its text, NaN none. */
    private static OptionalInt ofConstant(Expr.Const constant) {
        if (constant.text() == null) {
            return OptionalInt.empty();
        }
        if (integer(constant.type().oid())) {
            return OptionalInt.of(0);
        }
        if (constant.type().oid() != NUMERIC) {
            return OptionalInt.empty();
        }
        Matcher decimal = DECIMAL.matcher(constant.text());
        if (!decimal.matches()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(decimal.group(1) == null ? 0 : decimal.group(1).length());
    }

    /**
     * A cast to numeric(p,s) applies the typmod, which sets scale s; to plain numeric, it keeps its
     * argument's (an integer's 0, a float's or a text's none); to an integer, 0.
     */
    private static OptionalInt ofCast(Expr.Cast cast) {
        Expr.Type type = cast.type();
        if (type.oid() == NUMERIC && type.typmod() < VARHDRSZ) {
            return of(cast.arg());
        }
        return ofType(type);
    }

    private static OptionalInt ofFunction(Expr.Function function) {
        Builtin builtin = FUNCTIONS.get(function.function());
        if (builtin != null) {
            return ofBuiltin(builtin, function.args());
        }
        return integer(function.type().oid()) ? OptionalInt.of(0) : OptionalInt.empty();
    }

    private static OptionalInt ofBuiltin(Builtin builtin, List<Expr> args) {
        return switch (builtin.rule) {
            case ZERO -> OptionalInt.of(0);
            case CONSTANT_SECOND_ARGUMENT -> roundedTo(args.get(1));
            case LARGEST -> combined(args, Math::max);
            case SUM -> combined(args, Integer::sum);
        };
    }

    /** round(x, s) and trunc(x, s) with a constant s print s digits, none for a negative s. */
    private static OptionalInt roundedTo(Expr digits) {
        if (digits instanceof Expr.Const c && c.type().oid() == INT4 && c.text() != null) {
            int scale = Integer.parseInt(c.text());
            return scale > MAX_SCALE ? OptionalInt.empty() : OptionalInt.of(Math.max(scale, 0));
        }
        return OptionalInt.empty();
    }

    private static OptionalInt combined(List<Expr> args, IntBinaryOperator combine) {
        int result = -1;
        for (Expr arg : args) {
            OptionalInt scale = of(arg);
            if (scale.isEmpty()) {
                return scale;
            }
            result = result < 0 ? scale.getAsInt() : combine.applyAsInt(result, scale.getAsInt());
        }
        return result < 0 ? OptionalInt.empty() : OptionalInt.of(result);
    }

    private static List<Expr> caseResults(Expr.Case c) {
        List<Expr> results = new ArrayList<>();
        c.whens().forEach(when -> results.add(when.result()));
        if (c.otherwise() != null) {
            results.add(c.otherwise());
        }
        return results;
    }

    /** One of the values, or NULL: the scale they all share, leaving NULL constants aside. */
    private static OptionalInt alike(List<Expr> values) {
        OptionalInt shared = OptionalInt.empty();
        for (Expr value : values) {
            if (value instanceof Expr.Const c && c.text() == null) {
                continue;
            }
            OptionalInt scale = of(value);
            if (scale.isEmpty() || (shared.isPresent() && shared.getAsInt() != scale.getAsInt())) {
                return OptionalInt.empty();
            }
            shared = scale;
        }
        return shared;
    }
}
