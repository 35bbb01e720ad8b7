package io.pgstream.engine.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgstream.core.analyzed.Catalog;
import io.pgstream.core.analyzed.QueryReader;
import io.pgstream.core.compiler.CompileRequest;
import io.pgstream.core.compiler.Compiler;
import io.pgstream.core.compiler.GoldenCase;
import io.pgstream.core.compiler.TypeResolver;
import io.pgstream.engine.differential.OracleCorpus;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden files' PostgreSQL sections are what PostgreSQL 18 makes of their queries today: compiling
 * the live analysis gives the plan the file holds (object ids differ between databases, names do not).
 * With {@code -Dpgstream.golden.update=true} it records the analysis instead, for the core's
 * PlanGoldenTest to compile without a database.
 */
class GoldenInputsTest {

    private static final Path GOLDEN = Path.of("..", "core").resolve(GoldenCase.DIRECTORY);

    private static TestDatabase db;

    @BeforeAll
    static void createSchema() throws SQLException {
        db = TestPostgres.database();
        db.execute(OracleCorpus.schema().toArray(String[]::new));
    }

    static Stream<GoldenCase> cases() {
        return GoldenCase.all(GOLDEN).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void recordedAnalysisIsPostgresqlsOwn(GoldenCase golden) throws SQLException {
        try (Connection c = db.connect()) {
            // two statements: the view _define creates is not visible to a STABLE function in the same statement
            String view = single(c, "SELECT pgstream._define(?)::oid::text", golden.section("query"));
            String definition = single(c, "SELECT pgstream._definition(?::oid::regclass)", view);
            String analyzed = PlanInstaller.analyzed(c, definition);
            Catalog catalog = PlanInstaller.catalog(c, Catalog.References.of(QueryReader.read(analyzed)));
            List<String> answers = new ArrayList<>();
            TypeResolver types = probe -> {
                List<String> answer = PlanInstaller.describe(c, probe);
                answers.add(String.join(";", answer));
                return answer;
            };
            String columns = String.join("\n", describe(c, golden.section("query")));
            Map<String, String> live = new LinkedHashMap<>();
            live.put("definition", definition);
            live.put("columns", columns);
            live.put("analyzed", analyzed);
            live.put("catalog", GoldenCase.catalogSection(catalog));
            CompileRequest request = golden.with(live).request();
            Map<String, String> outputs = GoldenCase.outputs(Compiler.compile(request, types));
            live.put("probe types", String.join("\n", answers));
            if (Boolean.getBoolean("pgstream.golden.update")) {
                golden.with(live).with(outputs).write();
                return;
            }
            assertEquals(golden.section("definition"), definition, golden.name() + ": PostgreSQL normalizes the query differently");
            assertEquals(golden.section("columns"), columns, golden.name() + ": the query's columns changed");
            for (String section : GoldenCase.OUTPUTS) {
                assertEquals(golden.section(section), outputs.get(section), () -> golden.name() + ": the live analysis compiles"
                        + " to another " + section + "; rerun with -Dpgstream.golden.update=true and read the diff");
            }
        }
    }

    private static String single(Connection c, String sql, String argument) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, argument);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static List<String> describe(Connection c, String query) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement("SELECT column_name, column_type FROM pgstream._describe(?)")) {
            statement.setString(1, query);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return columns;
    }
}
