package io.pgstream.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

/**
 * Clients each running single-row UPDATE transactions by primary key (autocommit, keys drawn at random from
 * 1..{@code keys}) for a fixed time after a one-second warm-up, on tables compared in two rounds, the order of
 * the tables reversed in the second so that drift over the run weighs on each alike. Every transaction's latency
 * is kept, for percentiles.
 */
final class OltpWriters {

    /** Opens one client's connection. */
    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;
    }

    /** Runs before or after a measurement, given the table measured. */
    @FunctionalInterface
    interface TableStep {
        void accept(String table) throws SQLException, InterruptedException;
    }

    /** What the clients did on one table: the latency of each transaction measured, and the measured time. */
    record Result(long[] latenciesNanos, double seconds) {
        long transactions() {
            return latenciesNanos.length;
        }

        double tps() {
            return transactions() / seconds;
        }

        double meanLatencyMicros() {
            return LongStream.of(latenciesNanos).sum() / 1e3 / transactions();
        }

        /** The latency that {@code p} of the transactions did not exceed (nearest rank), such as 0.99. */
        double latencyPercentileMicros(double p) {
            return RefreshBenchmark.percentile(LongStream.of(latenciesNanos).mapToDouble(n -> n / 1e3).toArray(), p);
        }

        Result plus(Result other) {
            return new Result(LongStream.concat(Arrays.stream(latenciesNanos), Arrays.stream(other.latenciesNanos))
                    .toArray(), seconds + other.seconds);
        }
    }

    private static final long WARM_UP_NANOS = 1_000_000_000L;

    private final Connector connector;
    private final String updateTemplate;
    private final long keys;
    private final SplittableRandom random;

    /** @param updateTemplate the UPDATE, with {@code %s} for the table and {@code ?} for the key */
    OltpWriters(Connector connector, String updateTemplate, long keys, long seed) {
        this.connector = connector;
        this.updateTemplate = updateTemplate;
        this.keys = keys;
        this.random = new SplittableRandom(seed);
    }

    /** Each table measured {@code seconds} in all, over the two rounds. */
    Map<String, Result> compare(List<String> tables, int clients, double seconds, TableStep afterEach)
            throws SQLException, InterruptedException {
        return compare(tables, clients, seconds, table -> { }, afterEach);
    }

    /** The same, with a step before each measurement too (such as starting what only that table needs). */
    Map<String, Result> compare(List<String> tables, int clients, double seconds, TableStep beforeEach,
                                TableStep afterEach) throws SQLException, InterruptedException {
        Map<String, Result> results = new LinkedHashMap<>();
        for (int round = 0; round < 2; round++) {
            for (String table : round == 0 ? tables : tables.reversed()) {
                beforeEach.accept(table);
                results.merge(table, run(table, clients, seconds / 2), Result::plus);
                afterEach.accept(table);
            }
        }
        return results;
    }

    private Result run(String table, int clients, double measuredSeconds) throws SQLException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
            long end = warmUpEnd + (long) (measuredSeconds * 1e9);
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                long seed = random.nextLong();
                futures.add(pool.submit(() -> client(table, seed, warmUpEnd, end)));
            }
            LongStream latencies = LongStream.empty();
            for (Future<long[]> future : futures) {
                latencies = LongStream.concat(latencies, Arrays.stream(future.get()));
            }
            return new Result(latencies.toArray(), measuredSeconds);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One client: the latencies of the transactions that start after the warm-up and before the end. */
    private long[] client(String table, long seed, long warmUpEnd, long end) throws SQLException {
        SplittableRandom ids = new SplittableRandom(seed);
        LongStream.Builder latencies = LongStream.builder();
        try (Connection c = connector.connect();
             PreparedStatement update = c.prepareStatement(updateTemplate.formatted(table))) {
            while (true) {
                long start = System.nanoTime();
                if (start >= end) {
                    break;
                }
                update.setLong(1, 1 + ids.nextLong(keys));
                update.executeUpdate();
                if (start >= warmUpEnd) {
                    latencies.add(System.nanoTime() - start);
                }
            }
        }
        return latencies.build().toArray();
    }
}
