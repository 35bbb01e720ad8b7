package io.pgstream.core.analyzed;

import java.util.List;
import java.util.Objects;

/**
 * A scalar expression as PostgreSQL analyzed it: every operator, function, type and implicit cast
 * resolved to its catalog object (by OID), every constant typed. Records compare by structure, so
 * two occurrences of one expression (a GROUP BY key and the output showing it) are equal. A node the
 * compiler does not know is {@link Unknown}, carrying its PostgreSQL name, and is never rendered.
 */
public sealed interface Expr {

    /** A type with its modifier ({@code -1} for none), as {@code format_type(oid, typmod)} takes it. */
    record Type(long oid, int typmod) {}

    /** A column of a range-table entry, as analyzed: resolved by the translator to a {@link Column}. */
    record Var(int rangeIndex, int attribute, int levelsUp, Type type) implements Expr {}

    /** A column of an input of the algebra: {@code qualifier.name}. */
    record Column(String qualifier, String name, Type type) implements Expr {
        public Column {
            Objects.requireNonNull(qualifier);
            Objects.requireNonNull(name);
        }
    }

    /** A typed constant: {@code text} is the value's text form, null for NULL. */
    record Const(Type type, String text) implements Expr {}

    /** An operator call, binary or prefix: {@code args} has two or one elements. */
    record Operator(long operator, List<Expr> args) implements Expr {
        public Operator {
            args = List.copyOf(args);
        }
    }

    /** {@code a IS DISTINCT FROM b}, through the equality operator {@code operator}. */
    record DistinctFrom(long operator, Expr left, Expr right) implements Expr {}

    /** {@code NULLIF(a, b)}, through the equality operator {@code operator}. */
    record NullIf(long operator, Expr left, Expr right) implements Expr {}

    /** {@code x op ANY (array)} or {@code x op ALL (array)}. */
    record ArrayComparison(long operator, boolean any, Expr left, Expr array) implements Expr {}

    /** A function call; {@code variadic} when its last argument is passed as {@code VARIADIC array}. */
    record Function(long function, List<Expr> args, boolean variadic, Type type) implements Expr {
        public Function {
            args = List.copyOf(args);
        }
    }

    /** An argument passed by name: {@code name => arg}. */
    record NamedArgument(String name, Expr arg) implements Expr {}

    /** AND, OR (two or more arguments) and NOT (one). */
    record Bool(BoolOp op, List<Expr> args) implements Expr {
        public Bool {
            args = List.copyOf(args);
        }
    }

    enum BoolOp { AND, OR, NOT }

    /** {@code arg IS [NOT] NULL}. */
    record NullTest(Expr arg, boolean isNull) implements Expr {}

    /** {@code arg IS [NOT] TRUE / FALSE / UNKNOWN}. */
    record BooleanTest(Expr arg, String test) implements Expr {}

    /** A cast, explicit or implicit (PostgreSQL's RelabelType, CoerceViaIO, ArrayCoerceExpr, CoerceToDomain). */
    record Cast(Expr arg, Type type) implements Expr {}

    /** {@code arg COLLATE collation}. */
    record Collate(Expr arg, long collation) implements Expr {}

    /** CASE: with {@code arg}, each WHEN condition compares {@link CaseValue} (the arg's value) to a value. */
    record Case(Expr arg, List<When> whens, Expr otherwise) implements Expr {
        public Case {
            whens = List.copyOf(whens);
        }
    }

    record When(Expr condition, Expr result) {}

    /** The value of a simple CASE's argument, inside its WHEN conditions. */
    record CaseValue(Type type) implements Expr {}

    record Coalesce(List<Expr> args) implements Expr {
        public Coalesce {
            args = List.copyOf(args);
        }
    }

    /** GREATEST or LEAST. */
    record Extreme(boolean greatest, List<Expr> args) implements Expr {
        public Extreme {
            args = List.copyOf(args);
        }
    }

    /** {@code ARRAY[...]} of a type. */
    record Array(Type type, List<Expr> elements) implements Expr {
        public Array {
            elements = List.copyOf(elements);
        }
    }

    /** {@code ROW(...)}; {@code type} null for an anonymous record. */
    record Row(List<Expr> args, Type type) implements Expr {
        public Row {
            args = List.copyOf(args);
        }
    }

    /** {@code (a, b) < (c, d)}: a row comparison, one operator per column. */
    record RowComparison(List<Long> operators, List<Expr> left, List<Expr> right) implements Expr {
        public RowComparison {
            operators = List.copyOf(operators);
            left = List.copyOf(left);
            right = List.copyOf(right);
        }
    }

    /** {@code container[i]} or {@code container[lower:upper]} (null bounds are omitted). */
    record Subscript(Expr container, List<Expr> upper, List<Expr> lower) implements Expr {
        public Subscript {
            upper = List.copyOf(upper);
            lower = lower == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(lower));
        }
    }

    /**
     * An aggregate call: {@code fn([DISTINCT] args ORDER BY order) FILTER (WHERE filter)}, or {@code fn(*)}.
     * {@code levelsUp} is how many query levels out the aggregate belongs to.
     */
    record Aggregate(long function, List<Expr> args, List<SortKey> order, boolean distinct, Expr filter, boolean star,
                     boolean variadic, int levelsUp, Type type) implements Expr {
        public Aggregate {
            args = List.copyOf(args);
            order = List.copyOf(order);
        }
    }

    /** An ORDER BY item: an expression, its ordering operator and where NULLs go. */
    record SortKey(Expr expr, long sortOperator, boolean nullsFirst) {}

    /**
     * A window function call: {@code fn(args) FILTER (WHERE filter) OVER (over)}, or {@code fn(*)}. PostgreSQL's
     * WINDOWFUNC names its window by {@code winref}, a WINDOW clause of its query; the reader attaches that
     * clause as {@code over} (null only while the query's clauses are being read).
     */
    record WindowCall(long function, List<Expr> args, Expr filter, boolean star, int winref, Over over, Type type)
            implements Expr {
        public WindowCall {
            args = List.copyOf(args);
        }

        /** This call over its window clause. */
        public WindowCall over(Over clause) {
            return new WindowCall(function, args, filter, star, winref, clause, type);
        }
    }

    /** A window: {@code PARTITION BY partition ORDER BY order} and its frame (null for the default frame). */
    record Over(List<Expr> partition, List<SortKey> order, Frame frame) {
        public Over {
            partition = List.copyOf(partition);
            order = List.copyOf(order);
        }
    }

    /**
     * A frame written out: {@code mode} is RANGE, ROWS or GROUPS; {@code exclusion} is CURRENT ROW, GROUP or
     * TIES, or null (EXCLUDE NO OTHERS).
     */
    record Frame(String mode, Bound start, Bound end, String exclusion) {}

    /**
     * A frame bound: {@code kind} is UNBOUNDED PRECEDING, PRECEDING, CURRENT ROW, FOLLOWING or UNBOUNDED
     * FOLLOWING; {@code offset} is the PRECEDING or FOLLOWING offset, else null.
     */
    record Bound(String kind, Expr offset) {}

    /**
     * A subquery in an expression: {@code kind} is EXISTS, ANY, ALL, EXPR (scalar) or another of
     * PostgreSQL's sublink kinds; for ANY and ALL, {@code test} compares the outer value with the
     * subquery's outputs ({@link SubqueryOutput}).
     */
    record SubLink(String kind, Expr test, Query subquery) implements Expr {}

    /** Output {@code column} (from 1) of the subquery of the enclosing ANY or ALL sublink. */
    record SubqueryOutput(int column, Type type) implements Expr {}

    /**
     * {@code GROUPING(args)}: a bit per argument, the last the lowest, set when the grouping set of the row
     * omits it; {@code refs} are the arguments' sort-group references.
     */
    record Grouping(List<Expr> args, List<Integer> refs) implements Expr {
        public Grouping {
            args = List.copyOf(args);
            refs = List.copyOf(refs);
        }
    }

    /**
     * A set-returning function call in a SELECT list: PostgreSQL yields one row per value it returns for
     * each input row (several such calls in one list run in lockstep, the shorter padded with NULLs).
     */
    record SetReturning(Expr call) implements Expr {}

    /** A node the compiler does not know, named as PostgreSQL names it (SQLVALUEFUNCTION, ...). */
    record Unknown(String node, String what) implements Expr {}
}
