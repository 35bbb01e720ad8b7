package io.pgstream.core.compiler;

/** The compiler's answer: a differential plan, or FULL refresh and why. */
public sealed interface Compilation {

    record Differential(Plan plan) implements Compilation {}

    /** Not differentiable; the operator tree as far as the algebra could read the query. */
    record FullOnly(String reason, String operatorTree) implements Compilation {}
}
