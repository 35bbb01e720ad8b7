/**
 * TPC-H for pg_stream: the benchmark's schema and data (generated with the Java port of dbgen and
 * loaded with COPY), its 22 queries as stream tables define them, its refresh functions RF1 and RF2
 * with a few updates as the workload, and the checks that a stored result equals its query (a
 * multiset; for the queries ending in ORDER BY ... LIMIT, one of their correct results). Used by the
 * engine's oracle suite (tests) and by {@code pg-stream bench tpch}. Plain JDBC: must not depend on
 * the engine or create stream tables itself. See docs/tpch.md.
 */
package io.pgstream.tpch;
