package dev.shimscan.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A process that runs several {@code shimscan} command lines one after the other, each as {@link Main#main} runs it
 * (on the real stdout and stderr), so that a test can read everything one process printed, whatever printed it
 * (shimscan, a library's logging, a credential plugin).
 *
 * <p>Usage: {@code SeveralRuns COMMANDS EXIT-CODES}: each line of the file COMMANDS is one command line, its
 * arguments separated by tabs; each run's exit code is written to the file EXIT-CODES, one a line. Before each run a
 * line {@code === run N ===} goes to stdout and to stderr.
 */
final class SeveralRuns {
    static final String MARKER = "=== run %d ===";

    private SeveralRuns() {
    }

    public static void main(String[] args) throws IOException {
        List<String> commandLines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        List<String> exitCodes = new ArrayList<>();
        for (int i = 0; i < commandLines.size(); i++) {
            System.out.println(String.format(MARKER, i));
            System.out.flush();
            System.err.println(String.format(MARKER, i));
            System.err.flush();
            CliEnvironment env = CliEnvironment.system();
            int code = Main.run(env, commandLines.get(i).split("\t"));
            env.out().flush();
            env.err().flush();
            exitCodes.add(Integer.toString(code));
        }
        Files.write(Path.of(args[1]), exitCodes, StandardCharsets.UTF_8);
        System.exit(0);
    }
}
