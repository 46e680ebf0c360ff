package dev.shimscan.cli;

import dev.shimscan.core.rule.PluginRules;
import dev.shimscan.core.rule.RuleRegistry;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs the chosen command with its plugins active: the jars of {@code --plugins DIR} (any level of the command
 * line), else of {@code SHIMSCAN_PLUGINS}, are loaded before the command runs, so that the scan, the rule filters,
 * the configuration file, the report catalogs and {@code shimscan rules} all see the same rules; they are unloaded
 * after it. A plugin that cannot be loaded, or whose rule id is taken, is a usage error (exit 2).
 */
final class PluginLoading implements CommandLine.IExecutionStrategy {
    static final String VARIABLE = "SHIMSCAN_PLUGINS";
    private final CliEnvironment env;

    PluginLoading(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public int execute(ParseResult parseResult) {
        List<Path> dirs = directories(parseResult);
        if (dirs.isEmpty()) {
            return new CommandLine.RunLast().execute(parseResult);
        }
        PluginRules plugins;
        try {
            plugins = PluginRules.load(dirs, RuleRegistry.builtIn().rules());
        } catch (PluginRules.PluginException e) {
            throw new ParameterException(last(parseResult).commandSpec().commandLine(), e.getMessage());
        }
        PluginRules.activate(plugins);
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } finally {
            PluginRules.deactivate();
            plugins.close();
        }
    }

    private List<Path> directories(ParseResult parseResult) {
        List<Path> dirs = new ArrayList<>();
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--plugins")) {
                List<Path> given = r.matchedOptionValue("--plugins", List.of());
                for (Path p : given) {
                    if (!dirs.contains(p)) {
                        dirs.add(p);
                    }
                }
            }
        }
        if (dirs.isEmpty()) {
            String variable = env.variables().get(VARIABLE);
            if (variable != null && !variable.isBlank()) {
                for (String part : variable.split(File.pathSeparator)) {
                    if (!part.isBlank()) {
                        dirs.add(Path.of(part.strip()));
                    }
                }
            }
        }
        return dirs;
    }

    private static ParseResult last(ParseResult parseResult) {
        ParseResult r = parseResult;
        while (r.subcommand() != null) {
            r = r.subcommand();
        }
        return r;
    }
}
