package io.pgstream.cli;

import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.compile.PlanInstaller;
import java.sql.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Creates a stream table and populates it, before returning.")
final class CreateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(index = "0", paramLabel = "NAME", description = "the table to create, optionally schema-qualified")
    private String name;

    @Parameters(index = "1", paramLabel = "QUERY", description = "the query whose result the table holds")
    private String query;

    @Option(names = "--schedule", paramLabel = "S", defaultValue = "calculated",
            description = "a duration such as 30s or 5m, a cron expression, or calculated (default)")
    private String schedule;

    @Option(names = "--mode", paramLabel = "M", defaultValue = "auto", description = "auto (default), differential or full")
    private String mode;

    @Override
    public Integer call() throws Exception {
        try (Connection connection = database.connectWithPgStream()) {
            // created and compiled in one transaction: 'differential' refuses what it cannot differentiate
            connection.setAutoCommit(false);
            String created = StreamTables.create(connection, name, query, schedule, mode);
            PlanInstaller.Outcome plan = PlanInstaller.install(connection, created);
            if (!plan.differential() && mode.strip().equalsIgnoreCase("differential")) {
                connection.rollback();
                throw new IllegalArgumentException("the query cannot be refreshed differentially: " + plan.reason());
            }
            StreamTableStatus table = StreamTableStatus.readOne(connection, created);
            connection.commit();
            String how = !plan.differential() ? "refreshes in full: " + plan.reason()
                    : table.refreshMode().equals("full") ? "refreshes in full" : "refreshes differentially";
            spec.commandLine().getOut().printf("created stream table %s: %s, schedule %s, refresh mode %s; %s%n",
                    table.name(), Formats.rows(table.rows()), table.schedule(), table.refreshMode(), how);
        }
        return 0;
    }
}
