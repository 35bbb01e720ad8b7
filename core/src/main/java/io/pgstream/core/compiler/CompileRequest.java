package io.pgstream.core.compiler;

import io.pgstream.core.algebra.TableName;
import java.util.List;

/**
 * What the compiler needs to know of a stream table, as the engine reads it from PostgreSQL.
 *
 * @param definition the query as PostgreSQL normalized it, schema-qualified
 * @param target     the stream table, quoted and qualified
 * @param columns    the stream table's columns (its query's outputs), in order, with their types
 * @param sources    the tables the query reads, with their change buffers
 */
public record CompileRequest(String definition, QueryFacts facts, String target, List<Column> columns,
                             List<Source> sources) {

    public CompileRequest {
        columns = List.copyOf(columns);
        sources = List.copyOf(sources);
    }

    /** A column and its type as {@code format_type} prints it. */
    public record Column(String name, String type) {}

    /** A source table, its buffer (quoted, qualified) and the columns its buffer captures. */
    public record Source(TableName table, String buffer, List<String> capturedColumns) {
        public Source {
            capturedColumns = List.copyOf(capturedColumns);
        }
    }

    public Source source(TableName table) throws NotDifferentiableException {
        return sources.stream().filter(s -> s.table().equals(table)).findFirst()
                .orElseThrow(() -> new NotDifferentiableException("a table whose changes are not captured (" + table + ")"));
    }
}
