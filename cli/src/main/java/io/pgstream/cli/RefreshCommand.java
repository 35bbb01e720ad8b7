package io.pgstream.cli;

import io.pgstream.engine.catalog.StreamTables;
import java.sql.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = "Refreshes a stream table now, whether or not an engine runs, and says what it did.")
final class RefreshCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(paramLabel = "NAME", description = "the stream table")
    private String name;

    @Override
    public Integer call() throws Exception {
        try (Connection connection = database.connectWithPgStream()) {
            spec.commandLine().getOut().println(StreamTables.refresh(connection, name).describe());
        }
        return 0;
    }
}
