package io.pgstream.core.rewrite;

import io.pgstream.core.algebra.Rel;

/** One law applied at one operator, whose inputs are already rewritten: the equivalent operator, or itself. */
@FunctionalInterface
public interface Rewrite {
    Rel apply(Rel rel);
}
