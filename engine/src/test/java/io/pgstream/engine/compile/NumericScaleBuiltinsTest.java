package io.pgstream.engine.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgstream.core.compiler.NumericScale.Builtin;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The compiler knows numeric's operators and functions by the OIDs PostgreSQL pins for them
 * ({@link Builtin}); each must be, on the server, the operator or function it is taken for. A smoke
 * test: it runs on every supported PostgreSQL version.
 */
@Tag("smoke")
class NumericScaleBuiltinsTest {

    private static TestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = TestPostgres.emptyDatabase();
    }

    @ParameterizedTest
    @EnumSource(Builtin.class)
    void eachOidIsTheBuiltinItIsTakenFor(Builtin builtin) throws SQLException {
        String signature = builtin.operator() ? "regoperator" : "regprocedure";
        assertEquals(builtin.signature(), db.queryString(
                "SELECT " + builtin.oid() + "::oid::" + signature + "::text"));
    }
}
