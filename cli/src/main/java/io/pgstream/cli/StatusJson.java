package io.pgstream.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code pg-stream status --json}: one JSON document with the rows of the three monitoring views, built by
 * PostgreSQL (row_to_json keeps each view's column order and types). Intervals come out in ISO 8601
 * ({@code PT1M30S}), timestamps as {@code 2026-01-31T12:00:00.123+00:00}.
 */
final class StatusJson {

    private static final String DOCUMENT = """
            SELECT json_build_object(
                'tables', coalesce((SELECT json_agg(i ORDER BY i.name COLLATE "C") FROM pgstream.stream_tables_info i), '[]'),
                'dependencies', coalesce((SELECT json_agg(d ORDER BY d.downstream COLLATE "C", d.upstream COLLATE "C")
                                            FROM pgstream.dependencies d), '[]'),
                'change_buffers', coalesce((SELECT json_agg(b ORDER BY b.source COLLATE "C") FROM pgstream.change_buffers b), '[]'))
            """;

    private StatusJson() {}

    static String read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // JSON has no interval type; ISO 8601 is the format scripts can parse
            statement.execute("SET IntervalStyle = iso_8601");
            try (ResultSet rs = statement.executeQuery(DOCUMENT)) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
