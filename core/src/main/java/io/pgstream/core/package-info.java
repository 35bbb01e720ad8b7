/**
 * pg_stream's pure-Java core: everything that can be decided without a database connection.
 *
 * <p>Owns schedules ({@link io.pgstream.core.schedule}), SQL rendering and identifier quoting
 * ({@link io.pgstream.core.sql}) and, with the differential engine, the query compiler. Must not touch
 * JDBC, threads or the file system: every class here is unit-testable in isolation.
 */
package io.pgstream.core;
