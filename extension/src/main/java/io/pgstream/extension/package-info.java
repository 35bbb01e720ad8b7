/**
 * The pg_stream SQL extension: its files (as resources under {@code extension/}) and their installer.
 * The install script is written in sections, {@code src/main/sql/pg_stream--<version>/NN-topic.sql},
 * one per concern (catalog, capture, frontiers, graph, schedules, refresh, API, alerts, source DDL, ...),
 * and assembled at build in name order. Sections named {@code NN-topic.install.sql} create what exists once
 * (schemas, tables, types, sequences, their first rows); the others define code (functions, views, triggers,
 * grants) so that running them again replaces it.
 *
 * <p>An upgrade script {@code pg_stream--FROM--TO.sql} is assembled the same way (extension/pom.xml): the
 * migration {@code src/main/sql/upgrade/FROM--TO.sql} (what changes in the install-once objects: ALTER TABLE,
 * new rows, DROP of functions whose signature or return type changed, of views whose columns changed), then
 * every code section of the new version. The engine's UpgradeTest checks the result equals a fresh install and
 * that stream tables keep the plans an older engine installed working; a change to what those plans call
 * (the readers, {@code _current_frontier}, what a delta statement returns) needs the migration to reset the
 * old plans (drop their hidden columns and state tables, plan_status 'pending'), which the engine then
 * recompiles and installs with a full refresh.
 *
 * <p>Owns installing and upgrading the extension in a database, either as a real extension (files copied
 * into the server's share directory, then {@code CREATE EXTENSION}) or, on managed PostgreSQL where that
 * directory is out of reach, as a plain schema install of the same scripts. Must not hold engine logic.
 */
package io.pgstream.extension;
