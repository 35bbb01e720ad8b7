package io.pgstream.engine.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/** A second session's work on another thread, for tests of what concurrent sessions wait for. */
public final class Sessions {

    private Sessions() {}

    /** Runs the statement in the session, then commits, on another thread: the future ends when both have. */
    public static CompletableFuture<Void> executeAndCommitAsync(Connection session, String sql) {
        return CompletableFuture.runAsync(() -> {
            try {
                session.createStatement().execute(sql);
                session.commit();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
