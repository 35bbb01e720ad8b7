/**
 * The DBSP differentiation rules (Budiu et al., VLDB 2023), one class per rule, each stating its
 * identity. Changes are Z-sets: rows with weights, +1 for an insert and -1 for a delete. Filters and
 * projections are linear, so their delta is the filter or projection of the input's delta; they need
 * no class of their own. Must not render SQL text.
 */
package io.pgstream.core.delta;
