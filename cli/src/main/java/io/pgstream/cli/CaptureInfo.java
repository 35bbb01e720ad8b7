package io.pgstream.cli;

import static io.pgstream.cli.ResultSets.nullableLong;
import static io.pgstream.cli.ResultSets.seconds;

import io.pgstream.cli.TextTable.Column;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code pgstream.change_buffers}, as {@code pg-stream status} shows it: where a source's changes
 * come from (capture triggers or the WAL) and how far the decoder is behind.
 *
 * @param lagBytes WAL not yet decoded (null on triggers)
 * @param note     why it is on triggers, or why it last fell back
 */
record CaptureInfo(String source, String mode, Duration since, String lastDecodedLsn, Long lagBytes, Duration lag,
                   Long pendingChanges, String note) {

    private static final int NOTE_WIDTH = 60;

    private static final String SELECT = """
            SELECT source, capture_mode, extract(epoch FROM now() - capture_since) AS since,
                   last_decoded_lsn::text, lag_bytes::bigint, extract(epoch FROM lag) AS lag, pending_changes,
                   coalesce(trigger_reason, 'fell back ' || to_char(fallback_at, 'YYYY-MM-DD HH24:MI:SS') || ': '
                                            || fallback_reason) AS note
              FROM pgstream.change_buffers
             ORDER BY source COLLATE "C"
            """;

    static List<CaptureInfo> readAll(Connection connection) throws SQLException {
        List<CaptureInfo> sources = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SELECT); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                sources.add(new CaptureInfo(rs.getString("source"), rs.getString("capture_mode"), seconds(rs, "since"),
                        rs.getString("last_decoded_lsn"), nullableLong(rs, "lag_bytes"), seconds(rs, "lag"),
                        nullableLong(rs, "pending_changes"), rs.getString("note")));
            }
        }
        return sources;
    }

    static TextTable table(List<CaptureInfo> sources) {
        TextTable table = new TextTable(Column.left("SOURCE"), Column.left("CAPTURE"), Column.right("SINCE"),
                Column.left("DECODED"), Column.right("LAG"), Column.right("PENDING"), Column.left("NOTE"));
        for (CaptureInfo source : sources) {
            table.row(source.source(), source.mode(), Formats.duration(source.since()),
                    source.lastDecodedLsn() == null ? "-" : source.lastDecodedLsn(), source.lagSummary(),
                    Formats.count(source.pendingChanges()), Formats.truncate(source.note(), NOTE_WIDTH));
        }
        return table;
    }

    /** "12 kB, 0.3s" behind the WAL, or "-" on triggers. */
    String lagSummary() {
        return lagBytes == null ? "-" : Formats.bytes(lagBytes) + ", " + Formats.duration(lag);
    }
}
