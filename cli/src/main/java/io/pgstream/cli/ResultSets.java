package io.pgstream.cli;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/** Reading nullable columns the way the command line's reports need them. */
final class ResultSets {

    private ResultSets() {}

    /** A column of seconds (extract(epoch FROM ...)) as a duration; null stays null. */
    static Duration seconds(ResultSet rs, String column) throws SQLException {
        double seconds = rs.getDouble(column);
        return rs.wasNull() ? null : Duration.ofNanos(Math.round(seconds * 1e9));
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
