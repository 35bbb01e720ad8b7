/**
 * Algebraic laws that bring a translated query to the shapes the plan writers differentiate, one law
 * per class with its identity in the javadoc, applied in the order {@link io.pgstream.core.rewrite.Rewriter}
 * lists. A rewrite returns an equivalent operator tree; it never renders SQL.
 */
package io.pgstream.core.rewrite;
