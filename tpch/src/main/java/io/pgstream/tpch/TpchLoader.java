package io.pgstream.tpch;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Generates the eight TPC-H tables with the Java port of dbgen ({@code io.trino.tpch}) and loads them
 * with COPY, streaming the rows as they are generated (in PostgreSQL's text format: tab separated).
 */
public final class TpchLoader {

    /** Bytes sent to the server per write: large enough to keep the COPY stream busy. */
    private static final int CHUNK = 1 << 16;

    private TpchLoader() {}

    /** Creates the schema, loads every table at {@code scaleFactor}, then indexes; returns the rows per table. */
    public static Map<String, Long> load(Connection connection, double scaleFactor) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : TpchSchema.TABLES) {
                statement.execute(ddl);
            }
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (TpchTable<?> table : TpchTable.getTables()) {
            rows.put(table.getTableName(), copy(connection, table, scaleFactor));
        }
        try (Statement statement = connection.createStatement()) {
            for (String index : TpchSchema.INDEXES) {
                statement.execute(index);
            }
            statement.execute("analyze");
        }
        return rows;
    }

    private static <E extends TpchEntity> long copy(Connection connection, TpchTable<E> table, double scaleFactor)
            throws SQLException {
        List<TpchColumn<E>> columns = table.getColumns();
        String sql = "copy " + table.getTableName() + " ("
                + columns.stream().map(TpchColumn::getColumnName).collect(Collectors.joining(", ")) + ") from stdin";
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            StringBuilder buffer = new StringBuilder(CHUNK + 1024);
            for (E row : table.createGenerator(scaleFactor, 1, 1)) { // part 1 of 1: the whole table
                for (int i = 0; i < columns.size(); i++) {
                    buffer.append(i == 0 ? "" : "\t");
                    appendValue(buffer, columns.get(i), row);
                }
                buffer.append('\n');
                if (buffer.length() >= CHUNK) {
                    write(copy, buffer);
                }
            }
            write(copy, buffer);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder buffer) throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    /** One value in COPY's text format; money and quantities are generated as doubles with two decimals. */
    private static <E extends TpchEntity> void appendValue(StringBuilder out, TpchColumn<E> column, E row) {
        switch (column.getType().getBase()) {
            case IDENTIFIER -> out.append(column.getIdentifier(row));
            case INTEGER -> out.append(column.getInteger(row));
            case DATE -> out.append(LocalDate.ofEpochDay(column.getDate(row)));
            case DOUBLE -> out.append(BigDecimal.valueOf(column.getDouble(row)).setScale(2, RoundingMode.HALF_EVEN)
                    .toPlainString());
            case VARCHAR -> appendText(out, column.getString(row));
        }
    }

    private static void appendText(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
