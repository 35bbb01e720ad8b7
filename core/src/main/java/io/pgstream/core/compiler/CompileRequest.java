package io.pgstream.core.compiler;

import io.pgstream.core.algebra.TableName;
import io.pgstream.core.analyzed.Catalog;
import io.pgstream.core.analyzed.Query;
import io.pgstream.core.sql.ExprRenderer;
import io.pgstream.core.sql.Sql;
import java.util.List;

/**
 * What the compiler needs to know of a stream table, as the engine reads it from PostgreSQL.
 *
 * @param definition the query as PostgreSQL normalized it, schema-qualified
 * @param analyzed   the query as PostgreSQL analyzed it (the rewrite rule of a view over the definition)
 * @param catalog    the names of the operators, functions, types and tables {@code analyzed} refers to
 * @param target     the stream table, quoted and qualified
 * @param columns    the stream table's columns (its query's outputs), in order, with their types
 * @param sources    the tables the query reads, with the readers of their change buffers
 * @param id         the stream table's id, which names the state tables of its plan
 */
public record CompileRequest(String definition, Query analyzed, Catalog catalog, String target, List<Column> columns,
                             List<Source> sources, long id) {

    /** The schema of the tables the extension keeps for stream tables: change buffers, state tables. */
    public static final String INTERNAL_SCHEMA = "pgstream_changes";

    public CompileRequest {
        columns = List.copyOf(columns);
        sources = List.copyOf(sources);
    }

    /** A column and its type as {@code format_type} prints it. */
    public record Column(String name, String type) {}

    /**
     * A source table, the function that returns the rows of its change buffer a refresh consumes (quoted,
     * qualified; called with the old and the new frontier) and the columns its buffer captures.
     */
    public record Source(TableName table, String reader, List<String> capturedColumns) {
        public Source {
            capturedColumns = List.copyOf(capturedColumns);
        }
    }

    /** The name (quoted, qualified) of a state table of this stream table's plan, by its role. */
    public String stateTable(String role) {
        return INTERNAL_SCHEMA + "." + Sql.identifier("state_" + id + "_" + role);
    }

    /** The renderer of this query's expressions. */
    public ExprRenderer sql() {
        return new ExprRenderer(catalog);
    }

    public Source source(TableName table) throws NotDifferentiableException {
        return sources.stream().filter(s -> s.table().equals(table)).findFirst()
                .orElseThrow(() -> new NotDifferentiableException("a table whose changes are not captured (" + table + ")"));
    }
}
