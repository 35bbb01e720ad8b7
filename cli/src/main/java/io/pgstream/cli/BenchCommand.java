package io.pgstream.cli;

import io.pgstream.bench.BenchRunner;
import io.pgstream.bench.BenchTable;
import io.pgstream.bench.CaptureBenchmark;
import io.pgstream.bench.PgIvmBenchmark;
import io.pgstream.bench.RefreshBenchmark;
import io.pgstream.bench.TpchBenchmark;
import io.pgstream.engine.JdbcUrls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs a benchmark and prints its figures (CSV, and JSON for refresh and tpch, under bench/results/). "
                + "Benchmarks: capture (what change capture adds to writes: none, statement and row triggers, WAL; "
                + "the WAL decoder's catch-up and throughput; commit-to-visible latency on triggers and on the WAL); "
                + "refresh (a one-row change refreshed against REFRESH MATERIALIZED VIEW, for two baseline stream tables "
                + "and one per query construct, differential or FULL as compiled; FULL against differential as deltas grow, "
                + "writers with and without capture, no-change cycles); "
                + "scheduler (CPU of the engine and the server with many idle stream tables, latency through a chain); "
                + "recursion (a transitive closure, one edge inserted or deleted, against REFRESH MATERIALIZED VIEW); "
                + "pgivm (pg_ivm side by side: builds PostgreSQL 18 and pg_ivm from source with scripts/build-pgivm.sh "
                + "into bench/target/pgivm once, then single-row UPDATE writers at 1, 4 and 8 clients with no views, "
                + "pg_ivm's IMMVs, pg_stream on triggers and on the WAL, and the cost of bringing the views up to date "
                + "after batches of 1, 100 and 10,000 rows; run it from the repository's root); "
                + "tpch (the 22 TPC-H queries as stream tables: after the spec's refresh functions RF1 and RF2 and a few "
                + "updates, the differential refresh against a FULL refresh, REFRESH MATERIALIZED VIEW and the query "
                + "alone, then equality; figures also as PNG charts); "
                + "kill (the robustness drill: the engine killed with SIGKILL mid-refresh under writers, run after run, "
                + "or with --mode postgres PostgreSQL shut down immediately; counts runs, runs that hit a refresh under "
                + "way, and divergences from the queries found after each; exits 1 on a divergence).")
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "BENCHMARK", description = "capture, refresh, scheduler, recursion, pgivm, kill or tpch")
    private String benchmark;

    @Option(names = "--db", paramLabel = "URL",
            description = "a database with pg_stream installed (default: a fresh embedded PostgreSQL 18); "
                    + "refresh works in a schema refresh_bench, tpch in a schema tpch_bench, that it drops and recreates")
    private String url;

    @Option(names = "--rows", paramLabel = "N",
            description = "capture: rows per bulk statement (default 100000; ten times as many for the decoder's "
                    + "throughput); refresh: rows of the orders table "
                    + "(default 1000000, at least 200000); recursion: edges of the graph (default 100000, in chains of 10); "
                    + "pgivm: rows of the orders table (default 1000000, at least 100000)")
    private Long rows;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "10000000",
            description = "refresh: the larger orders table for the one-row change (default 10000000; 0 skips it)")
    private long scale;

    @Option(names = "--tables", paramLabel = "NAMES", split = ",", completionCandidates = TableNames.class,
            description = "refresh: the stream tables to measure, a comma list (default all: ${COMPLETION-CANDIDATES}); "
                    + "without both agg and join_agg only the one-row change runs")
    private List<String> tables;

    /** The refresh benchmark's stream tables, for the help text. */
    static final class TableNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return BenchTable.names().iterator();
        }
    }

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "20",
            description = "capture, pgivm: measured seconds per table and client count of the single-row UPDATEs (default 20: shorter cells vary by a few percent from run to run on 2 cores)")
    private int seconds;

    @Option(names = "--stream-tables", paramLabel = "N", defaultValue = "1000",
            description = "scheduler: how many idle stream tables (default 1000)")
    private int streamTables;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "scheduler: how long each idle measurement lasts (default 60s)")
    private Duration window;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "100",
            description = "kill: how many kills (or crashes) (default 100)")
    private int runs;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "engine",
            description = "kill: engine (SIGKILL the engine, default) or postgres (immediate shutdown of the embedded server)")
    private String mode;

    @Option(names = "--sf", paramLabel = "SF", defaultValue = "1",
            description = "tpch: the TPC-H scale factor (default 1: 1.5M orders, 6M lineitems; 0.1 for a quick look)")
    private double scaleFactor;

    @Option(names = "--cycles", paramLabel = "N", defaultValue = "5",
            description = "tpch: cycles of RF1 + RF2 + updates, each followed by a differential refresh of every "
                    + "stream table; the figure is their median (default 5)")
    private int cycles;

    @Option(names = "--results", defaultValue = "bench/results", paramLabel = "DIR",
            description = "where the CSV (and for refresh, pgivm and tpch the JSON, for refresh and tpch the plans and the "
                    + "PNG charts) go (default bench/results)")
    private Path results;

    @Override
    public Integer call() throws Exception {
        String jdbcUrl = url == null ? null : JdbcUrls.toJdbc(url);
        switch (benchmark) {
            case "capture" -> {
                BenchRunner.capture(jdbcUrl, CaptureBenchmark.Sizes.of(Math.toIntExact(rows == null ? 100_000 : rows),
                        seconds), results, spec.commandLine().getOut());
                return 0;
            }
            case "refresh" -> {
                RefreshBenchmark.Result result = BenchRunner.refresh(jdbcUrl, rows == null ? 1_000_000 : rows, scale,
                        BenchTable.select(tables), results, spec.commandLine().getOut());
                return result.problems().isEmpty() ? 0 : 1;
            }
            case "scheduler" -> {
                BenchRunner.scheduler(jdbcUrl, streamTables, window, results, spec.commandLine().getOut());
                return 0;
            }
            case "recursion" -> {
                long edges = rows == null ? 100_000 : rows;
                BenchRunner.recursion(jdbcUrl, Math.toIntExact(Math.max(2, edges / 10)), 10, results, spec.commandLine().getOut());
                return 0;
            }
            case "pgivm" -> {
                if (jdbcUrl != null) {
                    throw new IllegalArgumentException("pgivm runs on the PostgreSQL it builds, with pg_ivm: it takes no --db");
                }
                PgIvmBenchmark.Result result = BenchRunner.pgivm(rows == null ? 1_000_000 : rows, seconds,
                        Path.of("scripts/build-pgivm.sh"), Path.of("bench/target/pgivm/pg18"), results,
                        spec.commandLine().getOut());
                return result.problems().isEmpty() ? 0 : 1;
            }
            case "kill" -> {
                return BenchRunner.kill(jdbcUrl, mode, runs, results, spec.commandLine().getOut()) == 0 ? 0 : 1;
            }
            case "tpch" -> {
                TpchBenchmark.Result result = BenchRunner.tpch(jdbcUrl, scaleFactor, cycles, results,
                        spec.commandLine().getOut());
                return result.problems().isEmpty() ? 0 : 1;
            }
            default -> throw new IllegalArgumentException("unknown benchmark \"" + benchmark
                    + "\": the benchmarks are: capture, refresh, scheduler, recursion, pgivm, kill, tpch");
        }
    }
}
