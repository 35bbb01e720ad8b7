/**
 * Reading pg_stream's catalog (schema {@code pgstream}) and calling its SQL API over JDBC. Owns the
 * engine's view of which stream tables exist and when they last refreshed; must not schedule or
 * refresh anything itself.
 */
package io.pgstream.engine.catalog;
