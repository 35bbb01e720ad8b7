package io.pgstream.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class FailuresTest {

    @Test
    void aServerErrorIsItsSeverityAndMessageWithoutItsContext() {
        PSQLException terminated = new PSQLException(new ServerErrorMessage("SFATAL\0VFATAL\0C57P01\0"
                + "Mterminating connection due to administrator command\0"
                + "WPL/pgSQL function pgstream._refresh_locked(...) line 41 at EXECUTE\0"));
        assertEquals("FATAL: terminating connection due to administrator command", Failures.brief(terminated));
        assertTrue(Failures.connectionLost(terminated));
    }

    @Test
    void anyOtherFailureIsItsFirstLine() {
        assertEquals("first", Failures.brief(new SQLException("first\nsecond")));
        assertEquals("IllegalStateException", Failures.brief(new IllegalStateException()));
    }

    @Test
    void aConnectionIsLostOnConnectionAndShutdownStatesAnywhereInTheCauses() {
        assertTrue(Failures.connectionLost(new SQLException("gone", "08006")));
        assertTrue(Failures.connectionLost(new RuntimeException(new SQLException("restarting", "57P03"))));
        assertFalse(Failures.connectionLost(new SQLException("no such table", "42P01")));
        assertFalse(Failures.connectionLost(new SQLException("canceled", "57014")));
        assertFalse(Failures.connectionLost(new SQLException("no state")));
    }
}
