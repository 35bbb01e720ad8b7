package io.pgstream.engine.catalog;

import io.pgstream.engine.Outage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on {@code pgstream_catalog} on a connection of its own and calls back on every notification.
 * When the connection breaks it reconnects, backing off (see {@link Outage}); meanwhile the scheduler's polling
 * covers the gap.
 */
public final class CatalogListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CatalogListener.class);

    private final String jdbcUrl;
    private final Properties properties;
    private final Runnable onChange;
    private final Thread thread;
    private final Outage outage = new Outage(log, "the catalog listener");
    private volatile boolean running = true;

    public CatalogListener(String jdbcUrl, Properties properties, Runnable onChange, String threadName) {
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
        this.onChange = onChange;
        this.thread = Thread.ofPlatform().daemon().name(threadName).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, properties)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN pgstream_catalog");
                }
                outage.connected();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null && notifications.length > 0) {
                        onChange.run();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    sleep(outage.lost(e, "the scheduler polls the catalog until it reconnects"));
                }
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
