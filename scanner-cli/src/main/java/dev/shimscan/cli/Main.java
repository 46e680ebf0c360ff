package dev.shimscan.cli;

/** The {@code shimscan} entry point: builds the command line, runs it, exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        CliEnvironment env = CliEnvironment.system();
        int code = CommandFactory.create(env).execute(args);
        env.out().flush();
        env.err().flush();
        System.exit(code);
    }
}
