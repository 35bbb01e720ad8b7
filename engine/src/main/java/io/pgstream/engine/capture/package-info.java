/**
 * Change capture from the WAL: the engine's logical decoding client. Reads PostgreSQL's pgoutput messages
 * from a replication slot and writes the decoded rows into the same change buffers the capture triggers
 * write (schema {@code pgstream_changes}). It must not compile or run refreshes.
 */
package io.pgstream.engine.capture;
