package io.pgstream.engine;

import java.time.Duration;
import java.util.List;

/**
 * How an engine runs.
 *
 * @param databaseUrls   the databases to serve (JDBC URLs or postgresql:// URIs)
 * @param refreshThreads refreshes run at once per database
 * @param pollInterval   how often the catalog is re-read when no notification arrives
 */
public record EngineConfig(List<String> databaseUrls, int refreshThreads, Duration pollInterval) {

    public EngineConfig {
        databaseUrls = List.copyOf(databaseUrls);
        if (databaseUrls.isEmpty()) {
            throw new IllegalArgumentException("name at least one database (--db URL)");
        }
        if (refreshThreads < 1) {
            throw new IllegalArgumentException("refresh threads must be at least 1");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive");
        }
    }

    public static EngineConfig of(List<String> databaseUrls) {
        return new EngineConfig(databaseUrls, 2, Duration.ofSeconds(2));
    }
}
