/**
 * Running scheduled refreshes: a round (due stream tables and what they read) takes its advisory locks
 * without waiting, checks the tables are still due, calls the extension's refresh functions and commits;
 * due tables that read no stream table are first checked for changes in one call. Owns the refresh
 * transactions, and how they give way to other sessions' locks (a lock timeout, and the {@code LockWatch}
 * that cancels a round in the way of a table lock); the refresh logic itself is in the extension, shared with
 * manual refreshes.
 */
package io.pgstream.engine.refresh;
