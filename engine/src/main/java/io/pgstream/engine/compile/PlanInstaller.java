package io.pgstream.engine.compile;

import io.pgstream.core.algebra.TableName;
import io.pgstream.core.analyzed.Catalog;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.analyzed.Query;
import io.pgstream.core.analyzed.QueryReader;
import io.pgstream.core.compiler.Compilation;
import io.pgstream.core.compiler.CompileRequest;
import io.pgstream.core.compiler.Compiler;
import io.pgstream.core.compiler.Plan;
import io.pgstream.core.sql.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

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
        return install(connection, id, request.definition(), Compiler.compile(request, query -> describe(connection, query)));
    }

    /** The plan of a stream table as the catalog defines it now, not installed. */
    public static Compilation compile(Connection connection, long id) throws SQLException {
        return Compiler.compile(request(connection, id), query -> describe(connection, query));
    }

    /** Installs a plan compiled from {@code definition} (ignored when the stream table's query changed since). */
    public static Outcome install(Connection connection, long id, String definition, Compilation compilation)
            throws SQLException {
        return switch (compilation) {
            case Compilation.Differential differential -> installPlan(connection, id, definition, differential.plan());
            case Compilation.FullOnly fullOnly -> installFullOnly(connection, id, definition, fullOnly);
        };
    }

    private static Outcome installPlan(Connection connection, long id, String definition, Plan plan)
            throws SQLException {
        List<String> hidden = plan.hiddenColumns().stream().map(c -> Sql.identifier(c.name()) + " " + c.type()).toList();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pgstream._install_plan(?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            statement.setLong(1, id);
            statement.setString(2, definition);
            statement.setString(3, plan.operatorTree());
            statement.setArray(4, texts(connection, hidden));
            statement.setString(5, plan.fullQuery());
            statement.setString(6, plan.deltaStatement());
            statement.setArray(7, texts(connection, plan.stateTables().stream().map(Plan.StateTable::name).toList()));
            statement.setArray(8, texts(connection, plan.stateTables().stream().flatMap(t -> t.definition().stream()).toList()));
            statement.setArray(9, texts(connection, plan.stateTables().stream().map(Plan.StateTable::fill).toList()));
            statement.execute();
        }
        return new Outcome(true, null);
    }

    private static Array texts(Connection connection, List<String> texts) throws SQLException {
        return connection.createArrayOf("text", texts.toArray());
    }

    private static Outcome installFullOnly(Connection connection, long id, String definition,
                                           Compilation.FullOnly fullOnly) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pgstream._install_full_only(?, ?, ?, ?)")) {
            statement.setLong(1, id);
            statement.setString(2, definition);
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
                "SELECT definition, relid::oid, format('%I.%I', n.nspname, c.relname) FROM pgstream.stream_table st"
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
        Query analyzed = QueryReader.read(analyzed(connection, definition));
        return new CompileRequest(definition, analyzed, catalog(connection, Catalog.References.of(analyzed)), target,
                columns(connection, relid), sources(connection, id), id);
    }

    private static List<CompileRequest.Column> columns(Connection connection, long relid) throws SQLException {
        List<CompileRequest.Column> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT column_name, column_type FROM pgstream._table_columns(?)")) {
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
                "SELECT n.nspname, c.relname, pgstream._reader(s.source_relid), cap.columns"
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

    static String analyzed(Connection connection, String definition) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pgstream._analyzed(?)")) {
            statement.setString(1, definition);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** The names of every object the analyzed query refers to, and the queries of the views it reads. */
    static Catalog catalog(Connection connection, Catalog.References references) throws SQLException {
        Map<Long, Query> views = views(connection, references);
        Map<Long, Catalog.Operator> operators = new HashMap<>();
        Map<Long, Catalog.Function> functions = new HashMap<>();
        Map<Expr.Type, String> types = new HashMap<>();
        Map<Long, String> collations = new HashMap<>();
        Map<Long, TableName> relations = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT * FROM pgstream._catalog_names(?, ?, ?, ?, ?, ?)")) {
            statement.setArray(1, connection.createArrayOf("oid", references.operators().toArray()));
            statement.setArray(2, connection.createArrayOf("oid", references.functions().toArray()));
            statement.setArray(3, connection.createArrayOf("oid", references.types().stream().map(Expr.Type::oid).toArray()));
            statement.setArray(4, connection.createArrayOf("int4", references.types().stream().map(Expr.Type::typmod).toArray()));
            statement.setArray(5, connection.createArrayOf("oid", references.collations().toArray()));
            statement.setArray(6, connection.createArrayOf("oid", references.relations().toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long oid = rs.getLong("object_id");
                    String schema = rs.getString("schema_name");
                    String name = rs.getString("object_name");
                    switch (rs.getString("kind")) {
                        case "operator" -> operators.put(oid, new Catalog.Operator(schema, name));
                        case "function" -> {
                            List<String> detail = strings(rs.getArray("detail"));
                            functions.put(oid, new Catalog.Function(schema, name, detail.get(0), Long.parseLong(detail.get(1)),
                                    detail.get(2)));
                        }
                        case "type" -> types.put(new Expr.Type(oid, rs.getInt("typmod")), name);
                        case "collation" -> collations.put(oid, Sql.qualified(schema, name));
                        case "relation" -> relations.put(oid, new TableName(schema, name));
                        default -> throw new SQLException("unexpected catalog row " + rs.getString("kind"));
                    }
                }
            }
        }
        return new Catalog(operators, functions, types, collations, relations, views);
    }

    /** The analyzed query of each view read, and of the views those read, their references added as they come. */
    private static Map<Long, Query> views(Connection connection, Catalog.References references) throws SQLException {
        Map<Long, Query> views = new HashMap<>();
        while (!views.keySet().containsAll(references.views())) {
            List<Long> pending = references.views().stream().filter(v -> !views.containsKey(v)).toList();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT ev_class, ev_action::text FROM pg_rewrite WHERE ev_class = ANY (?) AND rulename = '_RETURN'")) {
                statement.setArray(1, connection.createArrayOf("oid", pending.toArray()));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Query view = QueryReader.read(rs.getString(2));
                        views.put(rs.getLong(1), view);
                        references.add(view);
                    }
                }
            }
            if (!views.keySet().containsAll(pending)) {
                throw new SQLException("no rewrite rule for the views " + pending);
            }
        }
        return views;
    }

    static List<String> describe(Connection connection, String query) throws SQLException {
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

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
