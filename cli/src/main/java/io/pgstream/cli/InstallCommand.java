package io.pgstream.cli;

import io.pgstream.extension.ExtensionInstaller;
import io.pgstream.extension.ExtensionInstaller.Method;
import java.sql.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Installs pg_stream in a database, or upgrades it to this version.")
final class InstallCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "auto",
            description = "extension (files copied into the server's share directory, then CREATE EXTENSION), "
                    + "schema (plain SQL, as on managed PostgreSQL) or auto (extension when possible; default)")
    private Method method;

    @Override
    public Integer call() throws Exception {
        try (Connection connection = database.connect()) {
            spec.commandLine().getOut().println(ExtensionInstaller.install(connection, method).describe()
                    + " in database " + database.databaseName());
        }
        return 0;
    }
}
