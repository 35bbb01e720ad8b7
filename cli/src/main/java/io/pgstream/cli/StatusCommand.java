package io.pgstream.cli;

import io.pgstream.cli.TextTable.Column;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows every stream table of a database (pgstream.stream_tables_info: status, schedule, "
                + "freshness, pending changes, errors) and the dependency graph: each stream table no other one reads, "
                + "with what it reads indented below it; and each source's change capture (pgstream.change_buffers: "
                + "triggers or the WAL, the decoder's lag, why it is on triggers).",
                "With --json, one JSON document with the rows of stream_tables_info, dependencies and change_buffers "
                + "(see docs/monitoring.md)."})
final class StatusCommand implements Callable<Integer> {

    private static final int NOTE_WIDTH = 60;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Option(names = "--json", description = "print one JSON document, for scripts")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Connection connection = database.connectWithPgStream()) {
            if (json) {
                out.println(StatusJson.read(connection));
            } else {
                printText(connection, out);
            }
        }
        return 0;
    }

    private void printText(Connection connection, PrintWriter out) throws SQLException {
        List<StreamTableInfo> tables = StreamTableInfo.readAll(connection);
        if (tables.isEmpty()) {
            out.println("no stream tables in database " + database.databaseName() + " (pg-stream create makes one)");
            return;
        }
        table(tables).lines().forEach(out::println);
        out.println();
        out.println("DEPENDENCIES (what applications read at the top, what each stream table reads below it)");
        new DependencyTree(tables, DependencyTree.readEdges(connection)).lines().forEach(out::println);
        out.println();
        out.println("CAPTURE (where each source's changes come from: capture triggers, or the WAL decoded by the engine)");
        CaptureInfo.table(CaptureInfo.readAll(connection)).lines().forEach(out::println);
    }

    private static TextTable table(List<StreamTableInfo> tables) {
        TextTable table = new TextTable(Column.left("NAME"), Column.left("STATUS"), Column.left("SCHEDULE"),
                Column.right("EVERY"), Column.left("MODE"), Column.left("LAST REFRESH"), Column.right("TOOK"),
                Column.right("STALENESS"), Column.right("ROWS"), Column.right("PENDING"), Column.right("ERRORS"),
                Column.left("NOTE"));
        for (StreamTableInfo st : tables) {
            table.row(st.name(), st.status(), st.schedule(), Formats.duration(st.effectiveInterval()),
                    st.modeSummary(), st.lastRefreshSummary(), Formats.millis(st.lastRefreshDuration()),
                    Formats.duration(st.staleness()), Formats.estimate(st.rowsEstimate()),
                    Formats.count(st.pendingChanges()), Formats.count(st.consecutiveErrors()),
                    Formats.truncate(st.note(), NOTE_WIDTH));
        }
        return table;
    }
}
