package io.pgstream.cli;

import io.pgstream.engine.JdbcUrls;
import io.pgstream.engine.catalog.Catalog;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import picocli.CommandLine.Option;

/** The {@code --db URL} option of the commands that work on one database, and connecting to it. */
final class DatabaseOption {

    @Option(names = "--db", required = true, paramLabel = "URL",
            description = "the database: jdbc:postgresql://host:port/db?user=... or postgresql://user@host:port/db")
    private String url;

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", "pg-stream cli");
        return DriverManager.getConnection(JdbcUrls.toJdbc(url), properties);
    }

    /** Connects, and fails with a message saying how to install pg_stream when the database lacks it. */
    Connection connectWithPgStream() throws SQLException {
        Connection connection = connect();
        try {
            Catalog.requireExtension(connection, databaseName());
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    String databaseName() {
        return JdbcUrls.databaseName(url);
    }
}
