package io.pgstream.core.algebra;

import io.pgstream.core.sql.Sql;

/** A schema-qualified table name, unquoted (as stored in pg_class). */
public record TableName(String schema, String name) {

    public String quoted() {
        return Sql.qualified(schema, name);
    }

    @Override
    public String toString() {
        return quoted();
    }
}
