/**
 * Compiling stream tables: gathers from PostgreSQL what the core's compiler needs (definition, its
 * analyzed tree and the catalog names that tree refers to, columns, sources and their buffers, types),
 * runs it, and installs the plan through the extension. Must not generate SQL itself.
 */
package io.pgstream.engine.compile;
