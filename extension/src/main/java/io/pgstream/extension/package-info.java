/**
 * The pg_stream SQL extension: its files (as resources under {@code extension/}) and their installer.
 * The install script is written in sections, {@code src/main/sql/pg_stream--<version>/NN-topic.sql},
 * one per concern (catalog, capture, frontiers, graph, schedules, refresh, API, alerts, source DDL, ...),
 * and assembled at build in name order.
 *
 * <p>Owns installing and upgrading the extension in a database, either as a real extension (files copied
 * into the server's share directory, then {@code CREATE EXTENSION}) or, on managed PostgreSQL where that
 * directory is out of reach, as a plain schema install of the same scripts. Must not hold engine logic.
 */
package io.pgstream.extension;
