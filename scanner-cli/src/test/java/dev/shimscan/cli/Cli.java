package dev.shimscan.cli;

import dev.shimscan.core.source.cluster.Sleeper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code shimscan} as {@link Main} does (through {@link CommandFactory}), with captured stdout and stderr. */
final class Cli {
    static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** What one run printed, and its exit code. */
    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private byte[] stdin = new byte[0];
    private Clock clock = FIXED;
    private final Map<String, String> variables = new HashMap<>();
    private boolean terminal;
    private Sleeper sleeper = Sleeper.REAL;

    static Cli cli() {
        return new Cli();
    }

    Cli stdin(byte[] bytes) {
        this.stdin = bytes;
        return this;
    }

    Cli clock(Clock c) {
        this.clock = c;
        return this;
    }

    Cli env(String name, String value) {
        variables.put(name, value);
        return this;
    }

    /** How the run waits before retrying an API request (default: for real). */
    Cli sleeper(Sleeper s) {
        this.sleeper = s;
        return this;
    }

    Cli terminal() {
        this.terminal = true;
        return this;
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment env = new CliEnvironment(new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(stdin), clock, variables, terminal, sleeper);
        int code = Main.run(env, args);
        env.out().flush();
        env.err().flush();
        return new Run(code, out.toString(), err.toString());
    }

    static Run shimscan(String... args) {
        return cli().run(args);
    }

    /** The checkout root: {@code shimscan.project.dir}, else the nearest directory above with {@code examples/}. */
    static Path projectDir() {
        String configured = System.getProperty("shimscan.project.dir");
        if (configured != null && Files.isDirectory(Path.of(configured, "examples"))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the checkout (no examples/ above " + Path.of("").toAbsolutePath() + ")");
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
