package io.pgstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * CPU time used by a PostgreSQL server running on this machine, from /proc: the postmaster's own and its
 * reaped children's (backends that exited, autovacuum workers), plus its live children's.
 */
final class ServerCpu {

    /** Linux reports CPU times in clock ticks; USER_HZ is 100 on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long postmasterPid;

    private ServerCpu(long postmasterPid) {
        this.postmasterPid = postmasterPid;
    }

    /** The server behind a JDBC URL, found as the parent of one of its backends. */
    static ServerCpu of(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            String[] backend = stat(rs.getLong(1));
            if (backend == null) {
                throw new IllegalStateException("the database server does not run on this machine: its CPU cannot be read");
            }
            return new ServerCpu(Long.parseLong(backend[1]));
        }
    }

    /** Seconds of CPU used by the server so far. */
    double seconds() {
        String[] postmaster = stat(postmasterPid);
        if (postmaster == null) {
            throw new IllegalStateException("the postmaster " + postmasterPid + " is gone");
        }
        long ticks = sumOf(postmaster, 11, 12, 13, 14); // utime, stime, cutime, cstime
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            ticks += processes.map(p -> p.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(name -> stat(Long.parseLong(name)))
                    .filter(fields -> fields != null && Long.parseLong(fields[1]) == postmasterPid)
                    .mapToLong(fields -> sumOf(fields, 11, 12))
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** The fields of /proc/PID/stat after the command name (field 3, the state, first); null if it is gone. */
    private static String[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return null;
        }
    }

    private static long sumOf(String[] fields, int... indexes) {
        long sum = 0;
        for (int index : indexes) {
            sum += Long.parseLong(fields[index]);
        }
        return sum;
    }
}
