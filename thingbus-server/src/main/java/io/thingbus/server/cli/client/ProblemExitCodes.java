package io.thingbus.server.cli.client;

import io.thingbus.errors.ThingbusException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * A command that fails with a {@link ThingbusException} (a problem the API answered, a hub out of reach)
 * prints {@code error: <title>: <detail>} to standard error and exits with the code's
 * {@link io.thingbus.errors.ErrorCode#cliExitCode()}; anything else is picocli's to report.
 */
public final class ProblemExitCodes implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult)
            throws Exception {
        if (!(exception instanceof ThingbusException problem)) {
            throw exception;
        }
        commandLine.getErr().println("error: " + problem.detail());
        commandLine.getErr().flush();
        return problem.code().cliExitCode();
    }
}
