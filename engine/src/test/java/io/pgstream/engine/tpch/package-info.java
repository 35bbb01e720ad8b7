/**
 * The TPC-H oracle suite: over the schema, data, queries and workload of module tpch
 * ({@code io.pgstream.tpch}), the test that checks every stream table against its query after each
 * refresh and tracks which queries refresh differentially, and the test of the top-N oracle.
 * See docs/tpch.md.
 */
package io.pgstream.engine.tpch;
