/**
 * Deciding when each stream table is due and handing due ones to the refresh executor. Owns time and
 * wake-ups (catalog notifications, polling fallback); must not touch the database except through the
 * catalog and refresh packages.
 */
package io.pgstream.engine.scheduler;
