package io.pgstream.cli;

import io.pgstream.engine.catalog.StreamTables;
import java.sql.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "drop", mixinStandardHelpOptions = true,
        description = "Drops a stream table, and the change capture of sources no other stream table reads.")
final class DropCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(paramLabel = "NAME", description = "the stream table")
    private String name;

    @Option(names = "--cascade", description = "also drop the stream tables that read it, directly or not")
    private boolean cascade;

    @Override
    public Integer call() throws Exception {
        try (Connection connection = database.connectWithPgStream()) {
            StreamTables.drop(connection, name, cascade);
            spec.commandLine().getOut().println("dropped stream table " + name);
        }
        return 0;
    }
}
