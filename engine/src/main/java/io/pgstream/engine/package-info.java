/**
 * The pg_stream engine: a stateless process that keeps stream tables fresh in one or more databases.
 *
 * <p>{@link io.pgstream.engine.Engine} wires, per database, a connection pool, a catalog listener, a
 * scheduler and a refresh executor. All state lives in PostgreSQL; the engine can be killed at any
 * instant, and several engines coordinate through advisory locks. {@link io.pgstream.engine.Outage} and
 * {@link io.pgstream.engine.Failures} say how a lost connection or a failure is logged (once, in one line);
 * {@link io.pgstream.engine.EngineProcess} runs an engine in a process of its own, for the drills that kill
 * it. This package must not generate SQL
 * for user queries (that is the core's compiler and the extension's refresh functions).
 */
package io.pgstream.engine;
