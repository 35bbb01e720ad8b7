package io.pgstream.engine.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.compile.PlanInstaller;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sums and averages of numeric expressions over numeric(15,2) columns, as TPC-H's Q1 writes them. Where
 * PostgreSQL's arithmetic fixes the expression's display scale ({@code price * (1 - discount)} prints 4
 * fraction digits, with the tax 6) the groups are kept by counters alone, deletes included: no group is
 * recomputed. A division's scale varies with its values, so a group that lost one is recomputed. Either
 * way every refresh is DIFFERENTIAL and the stream table prints exactly what its query prints (the
 * oracle compares text, so a sum with a wrong display scale fails), through NULLs, duplicate rows,
 * updates, deletes of every value of a group and of the group itself.
 */
class FixedScaleSumsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "true | SELECT g, sum(price) AS base, sum(price * (1 - discount)) AS disc, sum(price * (1 - discount) * (1 + tax))"
                    + " AS charge, avg(price * (1 - discount)) AS avg_disc, count(*) AS n FROM li GROUP BY g",
            "true | SELECT sum(price * discount) AS revenue, avg(round(price * 1.5, 1)) AS rounded,"
                    + " sum(CASE WHEN g = 1 THEN price * 2 ELSE price - 0.50 END) AS cased FROM li",
            "false | SELECT g, sum(price / 3) AS third, avg(price / (1 + discount)) AS ratio FROM li GROUP BY g"})
    void refreshesDifferentiallyAndPrintsWhatTheQueryPrints(boolean countersOnly, String query) throws SQLException {
        TestDatabase db = TestPostgres.database();
        db.execute("CREATE TABLE li (id serial PRIMARY KEY, g int, price numeric(15,2), discount numeric(15,2),"
                        + " tax numeric(15,2))",
                "INSERT INTO li (g, price, discount, tax) VALUES (1, 1000.50, 0.06, 0.02), (1, 1000.50, 0.06, 0.02),"
                        + " (1, 3.10, 0.10, 0.08), (2, 99.99, 0.00, 0.00), (2, NULL, 0.05, 0.01), (3, 17.00, 0.04, NULL)");
        try (Connection c = db.connect()) {
            StreamTables.create(c, "st", query, "1m", "differential");
            PlanInstaller.Outcome outcome = PlanInstaller.install(c, "st");
            assertTrue(outcome.differential(), () -> "not differential: " + outcome.reason());
            String delta = db.queryString("SELECT delta_sql FROM pgstream.stream_table WHERE relid = 'st'::regclass");
            assertEquals(countersOnly, delta.contains("false AS __pgs_rc"), () -> "counters only: " + countersOnly + "\n" + delta);
            String[] cycles = {
                    "DELETE FROM li WHERE id = 3",                                   // a value out of a group that keeps others
                    "INSERT INTO li (g, price, discount, tax) VALUES (2, 0.01, 0.99, 0.50), (4, NULL, NULL, NULL)",
                    "UPDATE li SET price = 12345.67, discount = 0.00 WHERE id = 1",
                    "DELETE FROM li WHERE id IN (4, 7)",                             // group 2 keeps its NULL price only
                    "UPDATE li SET price = NULL WHERE g = 3",
                    "DELETE FROM li WHERE g = 1",                                    // group 1 is gone
                    "INSERT INTO li (g, price, discount, tax) VALUES (1, 5, 0.5, 0.5), (1, 5, 0.5, 0.5)",
                    "DELETE FROM li"};
            for (String cycle : cycles) {
                db.execute(cycle);
                assertEquals("DIFFERENTIAL", StreamTables.refresh(c, "st").action(), cycle);
                Oracle.assertMatches(c, "st", query);
            }
        }
    }
}
