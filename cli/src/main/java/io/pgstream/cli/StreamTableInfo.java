package io.pgstream.cli;

import static io.pgstream.cli.ResultSets.nullableLong;
import static io.pgstream.cli.ResultSets.seconds;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One row of {@code pgstream.stream_tables_info}, as {@code pg-stream status} shows it (docs/monitoring.md
 * describes the columns). Nulls stand for what is not known.
 *
 * @param name              schema-qualified and quoted where needed
 * @param effectiveInterval how often it refreshes in effect (null until computed)
 * @param lastAppliedAction FULL or DIFFERENTIAL: how the last refresh that applied changes went
 * @param sinceLastRefresh  time since the last refresh attempt started
 * @param rowsEstimate      pg_class.reltuples (null before the first ANALYZE)
 * @param pendingChanges    change rows committed to its sources since its frontier
 */
record StreamTableInfo(String name, String status, String suspendedReason, String blockedBy, String schedule,
                       Duration effectiveInterval, String refreshMode, String lastRefreshAction,
                       String lastAppliedAction, Duration sinceLastRefresh, Duration lastRefreshDuration,
                       Duration staleness, Long rowsEstimate, Long pendingChanges, int consecutiveErrors,
                       String lastError) {

    private static final String SELECT = """
            SELECT name, status, suspended_reason, blocked_by, schedule,
                   extract(epoch FROM effective_interval) AS effective_interval,
                   refresh_mode, last_refresh_action, last_applied_action,
                   extract(epoch FROM now() - last_refresh_at) AS since_last_refresh,
                   extract(epoch FROM last_refresh_duration) AS last_refresh_duration,
                   extract(epoch FROM staleness) AS staleness,
                   rows_estimate, pending_changes, consecutive_errors, last_error
              FROM pgstream.stream_tables_info
             ORDER BY name COLLATE "C"
            """;

    static List<StreamTableInfo> readAll(Connection connection) throws SQLException {
        List<StreamTableInfo> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SELECT); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                tables.add(new StreamTableInfo(rs.getString("name"), rs.getString("status"),
                        rs.getString("suspended_reason"), rs.getString("blocked_by"), rs.getString("schedule"),
                        seconds(rs, "effective_interval"), rs.getString("refresh_mode"),
                        rs.getString("last_refresh_action"), rs.getString("last_applied_action"),
                        seconds(rs, "since_last_refresh"), seconds(rs, "last_refresh_duration"),
                        seconds(rs, "staleness"), nullableLong(rs, "rows_estimate"),
                        nullableLong(rs, "pending_changes"), rs.getInt("consecutive_errors"),
                        rs.getString("last_error")));
            }
        }
        return tables;
    }

    /** "FULL 0.4s ago", or "never". */
    String lastRefreshSummary() {
        return lastRefreshAction == null ? "never"
                : lastRefreshAction + " " + Formats.duration(sinceLastRefresh) + " ago";
    }

    /** The refresh mode, with how the last refresh that applied changes went: "auto (differential)". */
    String modeSummary() {
        return lastAppliedAction == null ? refreshMode : refreshMode + " (" + lastAppliedAction.toLowerCase() + ")";
    }

    /** What needs attention, most important first: why suspended, what blocks it, the last error. */
    String note() {
        return Stream.of(suspendedReason, blockedBy == null ? null : "blocked by " + blockedBy, lastError)
                .filter(Objects::nonNull)
                .collect(Collectors.joining("; "));
    }
}
