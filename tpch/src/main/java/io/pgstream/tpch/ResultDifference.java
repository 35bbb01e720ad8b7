package io.pgstream.tpch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How a stored result (a stream table) differs from its query, as multisets of rows compared by their
 * text form: {@code missing} rows the query returns that the table lacks, {@code extra} rows the table
 * holds that the query does not return. The columns named with two leading underscores are bookkeeping
 * (pg_stream's {@code __pgs_*}, pg_ivm's {@code __ivm_*}) and left out. Each side is computed once: over a
 * large source the query can cost seconds.
 */
public record ResultDifference(long missing, long extra) {

    public boolean none() {
        return missing == 0 && extra == 0;
    }

    public static ResultDifference between(Connection connection, String table, String query) throws SQLException {
        String sql = "with stored as materialized (select row(" + visibleColumns(connection, table) + ")::text as r from "
                + table + " s), fresh as materialized (select q::text as r from (" + query + ") q)"
                + " select (select count(*) from (select r from fresh except all select r from stored) missing),"
                + " (select count(*) from (select r from stored except all select r from fresh) extra)";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return new ResultDifference(rs.getLong(1), rs.getLong(2));
        }
    }

    private static String visibleColumns(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select string_agg('s.' || quote_ident(attname), ', ' order by attnum) from pg_attribute
                 where attrelid = ?::regclass and attnum > 0 and not attisdropped and attname not like '\\_\\_%'""")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
