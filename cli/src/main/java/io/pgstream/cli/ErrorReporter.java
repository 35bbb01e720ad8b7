package io.pgstream.cli;

import io.pgstream.engine.catalog.Catalog.MissingExtensionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command throws into a message on stderr and an exit code: 2 when the input is at fault (a database
 * without pg_stream, a malformed URL), 1 for everything that failed while doing the work.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorReporter.class);

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        int exitCode = switch (failure) {
            case MissingExtensionException missing -> {
                err.println("error: " + missing.getMessage());
                yield ExitCode.USAGE;
            }
            case SQLException sql -> {
                err.println(SqlErrors.render(sql));
                yield ExitCode.SOFTWARE;
            }
            case IOException io -> { // the demo's embedded server: its messages say what went wrong
                err.println("error: " + io.getMessage());
                yield ExitCode.SOFTWARE;
            }
            case IllegalArgumentException badInput -> {
                err.println("error: " + badInput.getMessage());
                yield ExitCode.USAGE;
            }
            default -> {
                err.println("error: " + failure);
                yield ExitCode.SOFTWARE;
            }
        };
        log.debug("{} failed", command.getCommandName(), failure);
        err.flush();
        return exitCode;
    }
}
