package dev.shimscan.cli;

import dev.shimscan.core.config.ConfigException;
import dev.shimscan.core.config.ConfigFiles;
import dev.shimscan.core.config.ConfigReader;
import dev.shimscan.core.config.ShimscanConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shimscan config init|check}: writes a commented starter {@code .shimscan.yaml}, or checks one. */
@Command(name = "config",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {ConfigCommand.Init.class, ConfigCommand.Check.class},
        description = {"Writes or checks the configuration file .shimscan.yaml: rules, severities, paths, excluded "
                + "namespaces and objects, suppressions with reasons, defaults of --fail-on, --baseline and the "
                + "output options. See docs/config.md.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  shimscan config init              write .shimscan.yaml here, every setting explained",
            "  shimscan config check             check the .shimscan.yaml that applies here"})
final class ConfigCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: 'shimscan config init' or 'shimscan config check'");
    }

    /** The starter file, from the jar. */
    static String starter() {
        try (InputStream in = ShimscanConfig.class.getResourceAsStream("starter.shimscan.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the starter configuration is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code shimscan config init [FILE]}. */
    @Command(name = "init",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {"Writes a commented starter configuration file (default: .shimscan.yaml in the working "
                    + "directory); it never overwrites a file unless --force is given. - writes it to stdout.", ""})
    static final class Init implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "Where to write it (default: .shimscan.yaml).")
        private String file = ShimscanConfig.FILE_NAME;

        @Option(names = "--force", description = "Overwrite an existing file.")
        private boolean force;

        @Override
        public Integer call() {
            String text = starter();
            if (file.equals("-")) {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
                return ExitCode.CLEAN.code();
            }
            Path target = Path.of(file);
            try {
                if (force) {
                    Files.writeString(target, text, StandardCharsets.UTF_8);
                } else {
                    Files.writeString(target, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                }
            } catch (FileAlreadyExistsException e) {
                throw new ParameterException(spec.commandLine(), file + " already exists; add --force to overwrite it");
            } catch (NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), "cannot write " + file + ": its directory does not exist");
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot write " + file + ": " + e.getMessage());
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("shimscan: wrote " + file + "; 'shimscan config check' checks it after you edit it");
            err.flush();
            return ExitCode.CLEAN.code();
        }
    }

    /** {@code shimscan config check [FILE]}. */
    @Command(name = "check",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {"Checks a configuration file (default: the .shimscan.yaml that a scan of the working "
                    + "directory would use): exit 0 when it is valid, 2 with every problem and its line when not. "
                    + "Suppression entries that have expired are listed.", ""})
    static final class Check implements Callable<Integer> {
        private final CliEnvironment env;

        @Spec
        private CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "The file to check.")
        private Path file;

        Check(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Path target = file != null ? file : ConfigFiles.find(Path.of("")).orElseThrow(() -> new ParameterException(
                    spec.commandLine(), "no " + ShimscanConfig.FILE_NAME + " here or above; write one with "
                            + "'shimscan config init'"));
            String text;
            try {
                text = Files.readString(target, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), "no such file: " + target);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read " + target + ": " + e.getMessage());
            }
            ShimscanConfig config;
            try {
                config = new ConfigReader(PolicyOptions.vocabulary()).read(target, target.toString(), text);
            } catch (ConfigException e) {
                throw new ParameterException(spec.commandLine(), "invalid configuration file:\n  "
                        + String.join("\n  ", e.problems()));
            }
            PrintWriter out = spec.commandLine().getOut();
            LocalDate today = LocalDate.now(env.clock());
            long expired = config.policy().suppressions().stream().filter(s -> s.expiredOn(today)).count();
            out.println(target + ": valid; " + config.policy().suppressions().size() + " suppression entr"
                    + (config.policy().suppressions().size() == 1 ? "y" : "ies")
                    + (expired == 0 ? "" : ", " + expired + " of them expired"));
            config.policy().suppressions().stream().filter(s -> s.expiredOn(today)).forEach(s ->
                    out.println("  " + s.origin() + ": " + s.rule().text() + " expired on " + s.expires()));
            out.flush();
            return ExitCode.CLEAN.code();
        }
    }
}
