package io.pgstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's final check must notice a stream table that drifted from its query, duplicates included. */
class QueryCheckTest {

    private static final String QUERY = "SELECT kind FROM items";

    @Test
    void tellsAMatchFromADrift() throws SQLException {
        TestDatabase db = TestPostgres.database();
        db.execute("CREATE TABLE items (id int, kind text)",
                "INSERT INTO items VALUES (1, 'a'), (2, 'a'), (3, 'b')");
        try (Connection connection = db.connect()) {
            StreamTables.create(connection, "kinds", QUERY, "1h", "auto");
            QueryCheck fresh = QueryCheck.run(connection, "kinds", QUERY);
            assertTrue(fresh.matches());
            assertEquals(List.of("✓ kinds: 3 rows equal to its query"), fresh.describe());

            // one duplicate lost and one row invented: the same row count, still a different multiset
            db.execute("DELETE FROM kinds WHERE ctid = (SELECT min(ctid) FROM kinds WHERE kind = 'a')",
                    "INSERT INTO kinds VALUES ('c')");
            QueryCheck drifted = QueryCheck.run(connection, "kinds", QUERY);
            assertFalse(drifted.matches());
            assertEquals(List.of(
                    "✗ kinds: 3 rows, which differ from its query: 1 row missing, 1 row extra",
                    "    missing: (a)",
                    "    extra:   (c)"), drifted.describe());
        }
    }
}
