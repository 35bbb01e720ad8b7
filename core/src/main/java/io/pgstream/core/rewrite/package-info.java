/**
 * Algebraic laws that simplify a translated query before it is differentiated (fewer operators, join
 * conditions where the join rules use them), one law per class with its identity in the javadoc, applied in the order {@link io.pgstream.core.rewrite.Rewriter}
 * lists. A rewrite returns an equivalent operator tree; it never renders SQL.
 */
package io.pgstream.core.rewrite;
