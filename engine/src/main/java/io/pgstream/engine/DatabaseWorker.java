package io.pgstream.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pgstream.engine.catalog.Catalog;
import io.pgstream.engine.capture.CaptureManager;
import io.pgstream.engine.catalog.CatalogListener;
import io.pgstream.engine.scheduler.Scheduler;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything the engine runs for one database: a pool, a catalog listener, a scheduler and the capture manager. */
final class DatabaseWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseWorker.class);

    private final String database;
    private final HikariDataSource pool;
    private final Scheduler scheduler;
    private final CatalogListener listener;
    private final CaptureManager capture;

    private DatabaseWorker(String database, HikariDataSource pool, Scheduler scheduler, CatalogListener listener,
                           CaptureManager capture) {
        this.database = database;
        this.pool = pool;
        this.scheduler = scheduler;
        this.listener = listener;
        this.capture = capture;
    }

    /** Connects and checks the database has pg_stream; starts nothing yet. */
    static DatabaseWorker open(String url, EngineConfig config, String applicationName) throws SQLException {
        String jdbcUrl = JdbcUrls.toJdbc(url);
        String database = JdbcUrls.databaseName(url);
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", applicationName);

        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setDataSourceProperties(properties);
        hikari.setPoolName("pg-stream-" + database);
        // one connection per refresh thread, one for the scheduler's catalog reads, one for the lock watch
        hikari.setMaximumPoolSize(config.refreshThreads() + 2);
        hikari.setMinimumIdle(1);
        hikari.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(hikari);
        try (Connection connection = pool.getConnection()) {
            String version = Catalog.requireExtension(connection, database);
            log.info("serving database {} (pg_stream {})", database, version);
            if (Catalog.repairIfRestored(connection)) {
                log.info("database {} was restored from a dump: its change capture is rebuilt, and every stream table"
                        + " refreshes in full next", database);
            }
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
        Scheduler scheduler = new Scheduler(database, pool, config.refreshThreads(), config.pollInterval());
        CatalogListener listener = new CatalogListener(jdbcUrl, properties, scheduler::requestReload,
                "pg-stream-listener-" + database);
        CaptureManager capture = new CaptureManager(jdbcUrl, properties, database, config.pollInterval());
        return new DatabaseWorker(database, pool, scheduler, listener, capture);
    }

    void start() {
        listener.start();
        scheduler.start();
        capture.start();
    }

    @Override
    public void close() {
        listener.close();
        scheduler.close();
        capture.close();  // after the scheduler: its refreshes wait for the decoder
        pool.close();
        log.info("stopped serving database {}", database);
    }
}
