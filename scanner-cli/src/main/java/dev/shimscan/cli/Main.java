package dev.shimscan.cli;

import java.util.List;

/** The {@code shimscan} entry point: builds the command line, runs it, exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        CliEnvironment env = CliEnvironment.system();
        int code = run(env, args);
        env.out().flush();
        env.err().flush();
        System.exit(code);
    }

    /**
     * Runs one command line. picocli maps exceptions to exit codes ({@link ErrorHandlers}); an {@link Error}
     * (out of memory, stack overflow) passes through picocli and is mapped here, to 4 rather than the JVM's 1,
     * which would read as "findings".
     */
    static int run(CliEnvironment env, String[] args) {
        try {
            return CommandFactory.forArgs(env, args).execute(args);
        } catch (Error e) {
            env.out().flush();
            env.err().println(ErrorHandlers.InternalErrorHandler.oneLine(e));
            if (List.of(args).contains("--debug") || List.of(args).contains("-v")) {
                e.printStackTrace(env.err());
            }
            env.err().flush();
            return ExitCode.INTERNAL.code();
        }
    }
}
