/**
 * Running one scheduled refresh: take the stream table's advisory lock without waiting, check it is
 * still due, call the extension's refresh function, commit. Owns the refresh transaction; the refresh
 * logic itself is in the extension, shared with manual refreshes.
 */
package io.pgstream.engine.refresh;
