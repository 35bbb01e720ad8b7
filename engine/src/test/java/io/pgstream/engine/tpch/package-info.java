/**
 * The TPC-H oracle suite: the benchmark's schema and data (generated with the Java port of dbgen and
 * loaded with COPY), its 22 queries as stream tables, its refresh functions RF1 and RF2 with a few
 * updates as the workload, and the test that checks every stream table against its query after each
 * refresh and tracks which queries refresh differentially. See docs/tpch.md.
 */
package io.pgstream.engine.tpch;
