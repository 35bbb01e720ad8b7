package io.pgstream.engine.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.compile.PlanInstaller;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values that are equal but print differently ({@code 1.0} and {@code 1.00} in numeric, {@code 0} and
 * {@code -0} in float8) are one group and one distinct row for PostgreSQL, and so for a stream table:
 * groups and distinct rows are found by equality, not by text. Compared here by equality (the text-based
 * oracle would see the representative PostgreSQL happened to print): the stored rows and the query's,
 * as multisets of values under {@code =}.
 */
class EqualValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT x, count(*) AS n FROM t GROUP BY x",
            "SELECT DISTINCT x FROM t",
            "SELECT x FROM t UNION SELECT y FROM t",
            "SELECT f, count(*) AS n FROM t GROUP BY f",
            "SELECT DISTINCT f FROM t"})
    void equalValuesAreOneGroupOrRow(String query) throws SQLException {
        TestDatabase db = TestPostgres.database();
        db.execute("CREATE TABLE t (id serial PRIMARY KEY, x numeric, y numeric, f float8)",
                "INSERT INTO t (x, y, f) VALUES (1.0, 2, 0), (2.5, 1.000, 1)");
        try (Connection c = db.connect()) {
            StreamTables.create(c, "st", query, "1m", "differential");
            PlanInstaller.Outcome outcome = PlanInstaller.install(c, "st");
            assertTrue(outcome.differential(), () -> "not differential: " + outcome.reason());
            String[] cycles = {
                    "INSERT INTO t (x, y, f) VALUES (1.00, 2.0, '-0')",   // equal to the first row's values
                    "DELETE FROM t WHERE id = 1",                       // the group stays, by its other member
                    "INSERT INTO t (x, y, f) VALUES (1, 2.00, 0.0), (2.50, 1, 1.0)",
                    "DELETE FROM t WHERE id = 3",
                    "UPDATE t SET x = 1.000, f = '-0' WHERE id = 2"};
            for (String cycle : cycles) {
                db.execute(cycle);
                assertEquals("DIFFERENTIAL", StreamTables.refresh(c, "st").action(), cycle);
                assertEqualValues(db, query, cycle);
            }
        }
    }

    private static void assertEqualValues(TestDatabase db, String query, String after) throws SQLException {
        String columns = db.queryString("SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute"
                + " WHERE attrelid = 'st'::regclass AND attnum > 0 AND NOT attisdropped AND attname NOT LIKE '\\_\\_pgs\\_%'");
        String differences = db.queryString("SELECT count(*) FROM ((SELECT " + columns + " FROM st EXCEPT ALL SELECT * FROM ("
                + query + ") q) UNION ALL (SELECT * FROM (" + query + ") q EXCEPT ALL SELECT " + columns + " FROM st)) d");
        assertEquals("0", differences, () -> "after " + after + ": the stream table differs from its query by equality");
    }
}
