/**
 * The {@code pg-stream} command line and its demo.
 *
 * <p>Owns argument parsing, exit codes, rendering of results and errors for people, and the self-contained demo
 * (embedded server, sample schema, write workload, live freshness display, final check against the queries).
 * Must not contain refresh or scheduling logic: commands call the extension's SQL API and start the engine as a
 * library, nothing more.
 */
package io.pgstream.cli;
