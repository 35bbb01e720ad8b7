/**
 * Refresh schedules: {@code 'calculated'}, durations such as {@code '30s'} and 5-field cron expressions,
 * parsed exactly as the SQL extension validates them, and the next due time of each.
 */
package io.pgstream.core.schedule;
