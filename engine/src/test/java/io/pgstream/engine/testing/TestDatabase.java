package io.pgstream.engine.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A test database and small helpers to run SQL in it. */
public record TestDatabase(String name, String url) {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** The same database, logged in as another role (the test server trusts local logins). */
    public TestDatabase as(String role) {
        return new TestDatabase(name, url.replaceFirst("user=[^&]*", "user=" + role));
    }

    /** A role name of this database's own, so tests sharing the server (roles are cluster-wide) never meet. */
    public String role(String base) {
        return name + "_" + base;
    }

    /** Runs statements, each in its own autocommit transaction. */
    public void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    public String queryString(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    public long queryLong(String sql) throws SQLException {
        return Long.parseLong(queryString(sql));
    }

    public List<String> queryColumn(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
