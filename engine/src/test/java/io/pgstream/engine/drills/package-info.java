/**
 * Robustness drills, short enough for the test suite: PostgreSQL shut down immediately under writers and
 * refreshes, the engine's connections cut, user DDL and DML during refreshes, refreshes cancelled or timed out.
 * After each, every stream table equals its query and none is left in error or holding a lock. (The engine
 * killed with SIGKILL is {@code scheduler.EngineCrashTest}; the long variants are {@code pg-stream bench kill}.)
 */
package io.pgstream.engine.drills;
