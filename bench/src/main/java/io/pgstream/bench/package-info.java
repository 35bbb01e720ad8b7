/**
 * Benchmarks run by {@code pg-stream bench}, and the long robustness drill ({@code bench kill}, see
 * docs/drills.md): each prints a table and writes CSV under {@code bench/results/} (refresh and tpch also JSON,
 * and charts drawn by {@code io.pgstream.bench.chart}).
 * Owns measurement only; must not change how pg_stream works (the row-trigger variant below exists only to
 * be measured against the shipped statement triggers).
 */
package io.pgstream.bench;
