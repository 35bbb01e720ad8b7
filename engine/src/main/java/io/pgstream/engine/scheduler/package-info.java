/**
 * Deciding when each stream table is due, grouping due ones with the stream tables they read into refresh
 * rounds, and handing those to the refresh executor. Owns time and wake-ups (catalog notifications, polling
 * fallback); must not touch the database except through the catalog and refresh packages.
 */
package io.pgstream.engine.scheduler;
