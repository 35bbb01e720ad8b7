package io.pgstream.engine.testing;

import java.sql.SQLException;

/**
 * Makes a query run long on demand: {@code WHERE pause()} sleeps as long as {@link #set} says, and a call
 * already sleeping notices a new setting (it is a sequence's value, read outside the query's snapshot). The
 * function is STABLE and takes no argument, so PostgreSQL evaluates it once per scan, as a one-time filter,
 * and pg_stream accepts it in a stream table's query.
 */
public final class Pause {

    private Pause() {}

    public static void install(TestDatabase db) throws SQLException {
        db.execute("CREATE SEQUENCE pause_millis MINVALUE 0 START 0",
                """
                CREATE FUNCTION pause() RETURNS boolean LANGUAGE plpgsql STABLE AS $$
                DECLARE
                    v_start timestamptz := clock_timestamp();
                BEGIN
                    WHILE clock_timestamp() < v_start + (SELECT last_value FROM pause_millis) * interval '1 ms' LOOP
                        PERFORM pg_sleep(0.02);
                    END LOOP;
                    RETURN true;
                END $$""");
    }

    /** Queries in {@code pause()}, and those calling it from now on, sleep this long in it. */
    public static void set(TestDatabase db, double seconds) throws SQLException {
        db.execute("SELECT setval('pause_millis', " + Math.round(seconds * 1000) + ")");
    }
}
