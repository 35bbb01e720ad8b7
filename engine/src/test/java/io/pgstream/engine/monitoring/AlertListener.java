package io.pgstream.engine.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.pgstream.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A session that LISTENs on {@code pgstream_alert}, as a monitoring script would. Payloads are parsed by
 * PostgreSQL itself (the tests have no JSON library), which also checks that they are valid JSON.
 */
final class AlertListener implements AutoCloseable {

    static final String CHANNEL = "pgstream_alert";
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    /**
     * One alert: the payload as received, each field as text (JSON null as Java null), and each field's
     * JSON type (string, number, ...).
     */
    record Alert(String payload, Map<String, String> fields, Map<String, String> types) {
        String event() {
            return fields.get("event");
        }

        String streamTable() {
            return fields.get("stream_table");
        }

        String get(String field) {
            if (!fields.containsKey(field)) {
                fail("alert has no field " + field + ": " + payload);
            }
            return fields.get(field);
        }
    }

    private final Connection connection;
    private final List<Alert> received = new ArrayList<>();

    AlertListener(TestDatabase db) throws SQLException {
        connection = db.connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
    }

    /** The next alert of this event for this stream table (earlier unrelated ones stay available). */
    Alert await(String event, String streamTable) throws SQLException {
        Instant deadline = Instant.now().plus(DEFAULT_WAIT);
        while (true) {
            for (Iterator<Alert> it = received.iterator(); it.hasNext(); ) {
                Alert alert = it.next();
                if (alert.event().equals(event) && alert.streamTable().equals(streamTable)) {
                    it.remove();
                    return alert;
                }
            }
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                return fail("no " + event + " alert for " + streamTable + " within " + DEFAULT_WAIT.toSeconds()
                        + " s; received " + received);
            }
            poll(left);
        }
    }

    /** Every alert that arrives within a short while (NOTIFY is delivered at commit, so that is enough). */
    List<Alert> drain() throws SQLException {
        poll(300);
        List<Alert> all = List.copyOf(received);
        received.clear();
        return all;
    }

    void assertNothingMore() throws SQLException {
        assertEquals(List.of(), drain());
    }

    private void poll(long timeoutMillis) throws SQLException {
        PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications((int) timeoutMillis);
        for (PGNotification notification : notifications == null ? new PGNotification[0] : notifications) {
            if (notification.getName().equals(CHANNEL)) {
                received.add(parse(notification.getParameter()));
            }
        }
    }

    private Alert parse(String payload) throws SQLException {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT key, value #>> '{}', jsonb_typeof(value) FROM jsonb_each(?::jsonb) ORDER BY key")) {
            statement.setString(1, payload);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    fields.put(rs.getString(1), rs.getString(2));
                    types.put(rs.getString(1), rs.getString(3));
                }
            }
        }
        return new Alert(payload, fields, types);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
