package io.pgstream.cli;

import io.pgstream.bench.BenchRunner;
import io.pgstream.engine.JdbcUrls;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs a benchmark and prints its figures (CSV under bench/results/). "
                + "Benchmarks: capture (what change capture adds to writes: statement against row triggers).")
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "BENCHMARK", description = "capture")
    private String benchmark;

    @Option(names = "--db", paramLabel = "URL",
            description = "a database with pg_stream installed (default: a fresh embedded PostgreSQL 18)")
    private String url;

    @Option(names = "--rows", defaultValue = "100000", description = "rows per bulk statement (default 100000)")
    private int rows;

    @Option(names = "--results", defaultValue = "bench/results", paramLabel = "DIR",
            description = "where the CSV goes (default bench/results)")
    private Path results;

    @Override
    public Integer call() throws Exception {
        if (!benchmark.equals("capture")) {
            throw new IllegalArgumentException("unknown benchmark \"" + benchmark + "\": the benchmarks are: capture");
        }
        BenchRunner.capture(url == null ? null : JdbcUrls.toJdbc(url), rows, results, spec.commandLine().getOut());
        return 0;
    }
}
