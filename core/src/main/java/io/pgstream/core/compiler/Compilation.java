package io.pgstream.core.compiler;

/** The compiler's answer: a differential plan, or FULL refresh and why. */
public sealed interface Compilation {

    record Differential(Plan plan) implements Compilation {}

    /** Not differentiable; the operator tree when the query could be read at all. */
    record FullOnly(String reason, String operatorTree) implements Compilation {}
}
