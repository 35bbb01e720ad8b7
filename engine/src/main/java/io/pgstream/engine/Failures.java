package io.pgstream.engine;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * How the engine words a failure in its log: one line, so that an incident costs one line per connection or
 * task it hits. A server error is its severity and primary message, without the PL/pgSQL context and the
 * statement the driver appends.
 */
public final class Failures {

    private Failures() {}

    /** The failure in one line. */
    public static String brief(Throwable failure) {
        if (failure instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            return (server.getSeverity() == null ? "ERROR" : server.getSeverity()) + ": " + server.getMessage();
        }
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /**
     * Whether the connection is gone (the server is restarting, shut down, or ended the session, or the network
     * failed): the work is retried on a new connection, which is no failure of the work itself.
     */
    public static boolean connectionLost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
