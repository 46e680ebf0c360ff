package dev.shimscan.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Maps exceptions to exit codes: usage errors to 2, everything unexpected to 4. */
final class ErrorHandlers {
    private ErrorHandlers() {
    }

    /** A bad option or argument, or a usage error found by a command: one message, a hint, exit 2. */
    static final class UsageErrorHandler implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("shimscan: " + ex.getMessage());
            UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCode.USAGE.code();
        }
    }

    /** Anything a command did not expect: a one-line message, the stack trace with --debug, exit 4. */
    static final class InternalErrorHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
            PrintWriter err = cmd.getErr();
            Throwable cause = ex instanceof CommandLine.ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
            boolean debug = debugRequested(parseResult);
            err.println(oneLine(cause) + (debug ? "" : " (run with --debug for the stack trace)"));
            if (debug) {
                cause.printStackTrace(err);
            }
            err.flush();
            return ExitCode.INTERNAL.code();
        }

        /** {@code shimscan: internal error: java.lang.IllegalStateException: message}, on one line. */
        static String oneLine(Throwable t) {
            String message = t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("");
            return "shimscan: internal error: " + t.getClass().getName() + message;
        }

        private static boolean debugRequested(ParseResult result) {
            for (ParseResult r = result; r != null; r = r.subcommand()) {
                if (r.hasMatchedOption("--debug")) {
                    return true;
                }
            }
            return false;
        }
    }
}
