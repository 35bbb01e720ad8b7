/**
 * The DBSP differentiation rules (Budiu et al., VLDB 2023), one class per rule, each stating its
 * identity. Changes are Z-sets: rows with weights, +1 for an insert and -1 for a delete. Filters,
 * projections and UNION ALL are linear, so their delta is the filter, projection or union of their
 * inputs' deltas; they need no class of their own. DISTINCT's rule keeps a count per row and is
 * rendered by the compiler's {@code DistinctPlanWriter}, which states it. Must not render SQL text.
 */
package io.pgstream.core.delta;
