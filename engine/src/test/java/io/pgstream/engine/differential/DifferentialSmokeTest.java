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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each query shape refreshes differentially through a fixed sequence of changes and stays equal to its query. */
@Tag("smoke")
class DifferentialSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT id, k, v * 2 AS double_v FROM a WHERE k IS NOT NULL",
            "SELECT a.id, b.label, a.v FROM a JOIN b ON b.k = a.k",
            "SELECT a.k, b.label, c.x FROM a JOIN b ON b.k = a.k JOIN c ON c.g = a.g AND c.k = b.k",
            "SELECT a1.id, a2.id AS other FROM a a1 JOIN a a2 ON a1.k < a2.k",
            "SELECT k FROM a",
            "SELECT k, count(*) AS n, sum(v) AS total, avg(v) AS mean, min(t) AS first, max(v) AS top FROM a GROUP BY k",
            "SELECT count(*) AS n, sum(v) AS total, count(t) AS texts FROM a",
            "SELECT k % 2 AS parity, sum(f) AS fsum, avg(f) AS favg, bool_and(b) AS all_b, bool_or(b) AS any_b FROM a GROUP BY k % 2",
            "SELECT b.label, count(*) AS n, sum(a.v) AS total, sum(c.x) AS xs FROM a JOIN b ON b.k = a.k JOIN c ON c.k = a.k GROUP BY b.label",
            "SELECT g, k, sum(x) AS xs, min(x) AS lo, max(x) AS hi FROM c GROUP BY g, k",
    })
    void staysEqualToItsQuery(String query) throws SQLException {
        TestDatabase db = TestPostgres.database();
        db.execute("CREATE TABLE a (id serial PRIMARY KEY, k int, g int, v numeric(12,2), f float8, t text, b bool)",
                "CREATE TABLE b (id serial PRIMARY KEY, k int, w int, label text)",
                "CREATE TABLE c (id serial PRIMARY KEY, k int, g int, x numeric)",
                "INSERT INTO a (k, g, v, f, t, b) SELECT g % 4, g % 3, g * 1.5, g / 3.0, 't' || (g % 5), g % 2 = 0 FROM generate_series(1, 30) g",
                "INSERT INTO a (k, g, v, f, t, b) VALUES (NULL, NULL, NULL, NULL, NULL, NULL), (1, 1, 1.5, 0.5, 't1', true)",
                "INSERT INTO b (k, w, label) SELECT g % 5, g, 'label ' || (g % 3) FROM generate_series(1, 10) g",
                "INSERT INTO b (k, w, label) VALUES (NULL, 1, NULL)",
                "INSERT INTO c (k, g, x) SELECT g % 4, g % 3, g / 7.0 FROM generate_series(1, 12) g");
        try (Connection c = db.connect()) {
            StreamTables.create(c, "st", query, "1m", "differential");
            PlanInstaller.Outcome outcome = PlanInstaller.install(c, "st");
            assertTrue(outcome.differential(), () -> "not differential: " + outcome.reason());
            Oracle.assertMatches(c, "st", query);
            String[][] cycles = {
                    {"INSERT INTO a (k, g, v, f, t, b) VALUES (2, 1, 10.25, 1.5, 'new', false), (2, 1, 10.25, 1.5, 'new', false)"},
                    {"UPDATE a SET k = k + 1, v = v + 1 WHERE id % 3 = 0", "UPDATE b SET k = NULL WHERE id = 2"},
                    {"DELETE FROM a WHERE id % 4 = 1", "INSERT INTO c (k, g, x) VALUES (1, 1, 0.333), (NULL, 2, NULL)"},
                    {"DELETE FROM a WHERE k = 2", "INSERT INTO a (k, g, v, f, t, b) VALUES (2, 2, 7, 7, 'again', true)"},
                    {"UPDATE a SET v = NULL, f = NULL, t = NULL, b = NULL WHERE k = 3", "DELETE FROM c WHERE x > 1"},
                    {"UPDATE b SET label = 'relabelled', k = 1 WHERE k = 0", "UPDATE c SET k = k + 1"},
                    {"DELETE FROM a", "DELETE FROM b WHERE id > 5"},
                    {"INSERT INTO a (k, g, v, f, t, b) SELECT g % 2, g % 2, g, g, 'z', g % 2 = 1 FROM generate_series(1, 5) g"},
            };
            for (String[] cycle : cycles) {
                db.execute(cycle);
                StreamTables.RefreshResult result = StreamTables.refresh(c, "st");
                assertTrue(result.action().equals("DIFFERENTIAL") || result.action().equals("SKIP"), result.describe());
                Oracle.assertMatches(c, "st", query);
            }
            db.execute("TRUNCATE c");
            String action = StreamTables.refresh(c, "st").action();
            assertTrue(action.equals("SKIP") || action.equals("FULL"), action);
            Oracle.assertMatches(c, "st", query);
            assertEquals("differential", db.queryString("SELECT plan FROM pgstream.stream_tables"));
        }
    }
}
