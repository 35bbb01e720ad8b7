package io.pgstream.engine.differential;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.compile.PlanInstaller;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pgstream.explain_stream_table} answers for every query of the corpus, supported or not: the
 * refresh mode, the plan, a reason, an operator tree, and the delta statement exactly when the plan is
 * differential.
 */
class ExplainStreamTableTest {

    private static TestDatabase db;

    @BeforeAll
    static void createSchema() throws SQLException {
        db = TestPostgres.database();
        db.execute(OracleCorpus.schema().toArray(String[]::new));
    }

    static Stream<Arguments> corpus() {
        return Stream.concat(
                OracleCorpus.SUPPORTED.stream().map(q -> Arguments.of(q.name(), q.query(), true)),
                OracleCorpus.UNSUPPORTED.stream().map(u -> Arguments.of(u.name(), u.query(), false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void explainsTreeModeReasonAndDelta(String name, String query, boolean differential) throws SQLException {
        try (Connection c = db.connect()) {
            ScenarioRunner.reset(c);
            ScenarioRunner.execute(c, Workload.createSql(new OracleCorpus.QueryCase(name, query), "auto"));
            PlanInstaller.install(c, Workload.STREAM_TABLE);
            try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(
                    "SELECT * FROM pgstream.explain_stream_table('" + Workload.STREAM_TABLE + "')")) {
                assertTrue(rs.next(), "explain_stream_table returned no row");
                String tree = rs.getString("operator_tree");
                String reason = rs.getString("reason");
                String delta = rs.getString("delta_sql");
                assertAll(
                        () -> assertEquals("auto", rs.getString("refresh_mode")),
                        () -> assertEquals(differential ? "differential" : "full_only", rs.getString("plan"), reason),
                        () -> assertTrue(reason != null && !reason.isBlank(), "no reason"),
                        () -> assertTrue(tree != null && tree.contains("Scan "), "no operator tree: " + tree),
                        () -> {
                            if (differential) {
                                assertNotNull(delta, "a differential plan without its delta statement");
                                assertTrue(delta.startsWith("WITH __pgs_f"), delta);
                            } else {
                                assertNull(delta, "a full-only plan with a delta statement");
                            }
                        });
            }
        }
    }
}
