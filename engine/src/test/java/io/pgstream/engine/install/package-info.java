/**
 * Installing pg_stream, upgrading it from every released version (an upgraded install has the fingerprint of a
 * fresh one, and stream tables refresh differentially across the upgrade), and pg_dump / pg_restore of databases
 * with stream tables.
 */
package io.pgstream.engine.install;
