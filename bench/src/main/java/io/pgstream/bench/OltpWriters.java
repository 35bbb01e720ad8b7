package io.pgstream.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Clients each running single-row UPDATE transactions by primary key (autocommit, keys drawn at random from
 * 1..{@code keys}) for a fixed time after a one-second warm-up, on tables compared in two rounds, the order of
 * the tables reversed in the second so that drift over the run weighs on each alike.
 */
final class OltpWriters {

    /** Opens one client's connection. */
    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;
    }

    /** Runs between two measurements, given the table just measured. */
    @FunctionalInterface
    interface AfterEach {
        void accept(String table) throws SQLException;
    }

    /** What the clients did on one table: transactions measured, their summed latency, the measured time. */
    record Result(long transactions, long latencyNanos, double seconds) {
        double tps() {
            return transactions / seconds;
        }

        double meanLatencyMicros() {
            return latencyNanos / 1e3 / transactions;
        }

        Result plus(Result other) {
            return new Result(transactions + other.transactions, latencyNanos + other.latencyNanos,
                    seconds + other.seconds);
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
    Map<String, Result> compare(List<String> tables, int clients, double seconds, AfterEach afterEach)
            throws SQLException, InterruptedException {
        Map<String, Result> results = new LinkedHashMap<>();
        for (int round = 0; round < 2; round++) {
            for (String table : round == 0 ? tables : tables.reversed()) {
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
            List<Future<Result>> futures = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                long seed = random.nextLong();
                futures.add(pool.submit(() -> client(table, seed, warmUpEnd, end)));
            }
            long transactions = 0;
            long latency = 0;
            for (Future<Result> future : futures) {
                Result client = future.get();
                transactions += client.transactions;
                latency += client.latencyNanos;
            }
            return new Result(transactions, latency, measuredSeconds);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One client: counts the transactions that start after the warm-up and before the end. */
    private Result client(String table, long seed, long warmUpEnd, long end) throws SQLException {
        SplittableRandom ids = new SplittableRandom(seed);
        long transactions = 0;
        long latency = 0;
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
                    transactions++;
                    latency += System.nanoTime() - start;
                }
            }
        }
        return new Result(transactions, latency, 0);
    }
}
