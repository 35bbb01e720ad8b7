/**
 * Compiling stream tables: gathers from PostgreSQL what the core's compiler needs (definition, columns,
 * sources and their buffers, parse-tree facts, types), runs it, checks the parser's rendering against
 * PostgreSQL, and installs the plan through the extension. Must not generate SQL itself.
 */
package io.pgstream.engine.compile;
