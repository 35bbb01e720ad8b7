package io.pgstream.engine.compile;

import io.pgstream.core.algebra.TableName;
import io.pgstream.core.compiler.Compilation;
import io.pgstream.core.compiler.CompileRequest;
import io.pgstream.core.compiler.Compiler;
import io.pgstream.core.compiler.Plan;
import io.pgstream.core.compiler.QueryFacts;
import io.pgstream.core.sql.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Compiles a stream table's query and installs the plan, or records why it refreshes in full. */
public final class PlanInstaller {

    /** What was installed: a differential plan, or FULL refresh and why. */
    public record Outcome(boolean differential, String reason) {}

    private PlanInstaller() {}

    public static Outcome install(Connection connection, String streamTableName) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT (pgstream._find(?)).id")) {
            statement.setString(1, streamTableName);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return install(connection, rs.getLong(1));
            }
        }
    }

    public static Outcome install(Connection connection, long id) throws SQLException {
        CompileRequest request = request(connection, id);
        Compilation compilation = Compiler.compile(request, query -> describe(connection, query));
        if (compilation instanceof Compilation.Differential differential
                && !normalized(connection, differential.plan().rendered()).equals(request.definition())) {
            compilation = new Compilation.FullOnly(
                    "the SQL parser does not reproduce this query exactly (an expression it renders differently)",
                    differential.plan().operatorTree());
        }
        return switch (compilation) {
            case Compilation.Differential differential -> installPlan(connection, id, request, differential.plan());
            case Compilation.FullOnly fullOnly -> installFullOnly(connection, id, request, fullOnly);
        };
    }

    private static Outcome installPlan(Connection connection, long id, CompileRequest request, Plan plan)
            throws SQLException {
        List<String> hidden = plan.hiddenColumns().stream().map(c -> Sql.identifier(c.name()) + " " + c.type()).toList();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pgstream._install_plan(?, ?, ?, ?, ?, ?)")) {
            statement.setLong(1, id);
            statement.setString(2, request.definition());
            statement.setString(3, plan.operatorTree());
            statement.setArray(4, connection.createArrayOf("text", hidden.toArray()));
            statement.setString(5, plan.fullQuery());
            statement.setString(6, plan.deltaStatement());
            statement.execute();
        }
        return new Outcome(true, null);
    }

    private static Outcome installFullOnly(Connection connection, long id, CompileRequest request,
                                           Compilation.FullOnly fullOnly) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pgstream._install_full_only(?, ?, ?, ?)")) {
            statement.setLong(1, id);
            statement.setString(2, request.definition());
            statement.setString(3, fullOnly.reason());
            statement.setString(4, fullOnly.operatorTree());
            statement.execute();
        }
        return new Outcome(false, fullOnly.reason());
    }

    private static CompileRequest request(Connection connection, long id) throws SQLException {
        String definition;
        String target;
        long relid;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT definition, relid, format('%I.%I', n.nspname, c.relname) FROM pgstream.stream_table st"
                        + " JOIN pg_class c ON c.oid = st.relid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE st.id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("stream table " + id + " does not exist");
                }
                definition = rs.getString(1);
                relid = rs.getLong(2);
                target = rs.getString(3);
            }
        }
        return new CompileRequest(definition, facts(connection, definition), target, columns(connection, relid),
                sources(connection, id));
    }

    private static List<CompileRequest.Column> columns(Connection connection, long relid) throws SQLException {
        List<CompileRequest.Column> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
                        + " WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped AND attname NOT LIKE '\\_\\_pgs\\_%' ORDER BY attnum")) {
            statement.setLong(1, relid);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(new CompileRequest.Column(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return columns;
    }

    private static List<CompileRequest.Source> sources(Connection connection, long id) throws SQLException {
        List<CompileRequest.Source> sources = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT n.nspname, c.relname, pgstream._buffer(s.source_relid), cap.columns"
                        + " FROM pgstream.source s JOIN pg_class c ON c.oid = s.source_relid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pgstream.capture cap ON cap.source_relid = s.source_relid WHERE s.stream_table_id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    sources.add(new CompileRequest.Source(new TableName(rs.getString(1), rs.getString(2)),
                            rs.getString(3), strings(rs.getArray(4))));
                }
            }
        }
        return sources;
    }

    private static QueryFacts facts(Connection connection, String definition) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM pgstream._query_facts(?)")) {
            statement.setString(1, definition);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new QueryFacts(rs.getBoolean("has_aggregates"), rs.getBoolean("has_sublinks"),
                        rs.getBoolean("has_window_functions"),
                        rs.getBoolean("has_target_srfs"), rs.getBoolean("has_distinct_on"),
                        Set.copyOf(strings(rs.getArray("aggregate_functions"))));
            }
        }
    }

    private static List<String> describe(Connection connection, String query) throws SQLException {
        List<String> types = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_type FROM pgstream._describe(?)")) {
            statement.setString(1, query);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
        }
        return types;
    }

    private static String normalized(Connection connection, String query) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pgstream._normalized(?)")) {
            statement.setString(1, query);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
