package io.pgstream.cli;

import io.pgstream.extension.ExtensionFiles;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code pg-stream} command. Exit codes: 0 success, 1 failure, 2 usage error or bad input. */
@Command(name = "pg-stream", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Incremental view maintenance for PostgreSQL: stream tables, defined by a query and a "
                + "schedule, kept fresh.",
        subcommands = {RunCommand.class, InstallCommand.class, CreateCommand.class, RefreshCommand.class,
                DropCommand.class, StatusCommand.class, DemoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Spec
    private CommandSpec spec;

    private boolean logLevelChosen;

    @Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT,
            description = "error, warn, info (the default) or debug")
    void setLogLevel(Logging.LogLevel level) {
        Logging.setRootLevel(level);
        logLevelChosen = true;
    }

    boolean logLevelChosen() {
        return logLevelChosen;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command (pg-stream demo is a good start)");
    }

    public static void main(String[] args) {
        // UTF-8 whatever the locale says: the demo's output has a few non-ASCII symbols
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(execute(out, err, args));
    }

    /** Runs one command line, writing to the given writers; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        int exitCode = new CommandLine(new Main())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new ErrorReporter())
                .execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    /** The version is the extension's: the command line, engine and SQL scripts ship together. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pg-stream " + ExtensionFiles.defaultVersion()};
        }
    }
}
