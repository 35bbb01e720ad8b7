package io.pgstream.cli;

import io.pgstream.cli.TextTable.Column;
import java.io.PrintWriter;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows every stream table of a database: schedule, last refresh, staleness, size, errors.")
final class StatusCommand implements Callable<Integer> {

    private static final int ERROR_WIDTH = 60;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Connection connection = database.connectWithPgStream()) {
            List<StreamTableStatus> tables = StreamTableStatus.readAll(connection);
            if (tables.isEmpty()) {
                out.println("no stream tables in database " + database.databaseName()
                        + " (pg-stream create makes one)");
                return 0;
            }
            TextTable table = new TextTable(Column.left("NAME"), Column.left("STATUS"), Column.left("SCHEDULE"),
                    Column.left("LAST REFRESH"), Column.right("DURATION"), Column.right("STALENESS"),
                    Column.right("ROWS"), Column.left("LAST ERROR"));
            for (StreamTableStatus st : tables) {
                table.row(st.name(), st.status(), st.schedule(), st.lastRefreshSummary(),
                        Formats.millis(st.lastRefreshDuration()), Formats.duration(st.staleness()),
                        Formats.count(st.rows()), Formats.truncate(st.lastError(), ERROR_WIDTH));
            }
            table.lines().forEach(out::println);
        }
        return 0;
    }
}
