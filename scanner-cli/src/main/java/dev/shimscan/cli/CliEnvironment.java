package dev.shimscan.cli;

import dev.shimscan.core.source.cluster.Sleeper;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Everything the commands take from the process: the output writers, stdin, the clock, the environment
 * variables, whether stdout is a terminal, and how to wait before retrying an API request (tests record the waits
 * instead). {@link #system()} is the real process; tests build their own.
 */
public record CliEnvironment(PrintWriter out, PrintWriter err, InputStream stdin, Clock clock,
                             Map<String, String> variables, boolean stdoutIsTerminal, Sleeper sleeper) {

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    /** Waits for real between retries. */
    public CliEnvironment(PrintWriter out, PrintWriter err, InputStream stdin, Clock clock,
                          Map<String, String> variables, boolean stdoutIsTerminal) {
        this(out, err, stdin, clock, variables, stdoutIsTerminal, Sleeper.REAL);
    }

    /** The real process: UTF-8 writers on stdout and stderr, {@code System.in}, the UTC clock, {@code System.getenv()}. */
    public static CliEnvironment system() {
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8)), false);
        PrintWriter err = new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        return new CliEnvironment(out, err, System.in, Clock.systemUTC(), System.getenv(), System.console() != null);
    }

    /**
     * Colours on stdout: only on a terminal, and never when {@code NO_COLOR} is set to a non-empty value
     * (<a href="https://no-color.org">no-color.org</a>) or {@code --no-color} was given.
     */
    public boolean colorOnStdout(boolean noColorOption) {
        String noColor = variables.get("NO_COLOR");
        return stdoutIsTerminal && !noColorOption && (noColor == null || noColor.isEmpty());
    }
}
