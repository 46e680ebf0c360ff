package dev.shimscan.cli;

import dev.shimscan.core.config.ConfigException;
import dev.shimscan.core.config.ConfigFiles;
import dev.shimscan.core.config.ConfigReader;
import dev.shimscan.core.config.ShimscanConfig;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.policy.Baseline;
import dev.shimscan.core.policy.FindingPolicy;
import dev.shimscan.core.policy.Glob;
import dev.shimscan.core.policy.RuleSelector;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * How a scan treats its findings: the configuration file ({@code --config}, else {@code .shimscan.yaml} found from
 * the scan root upwards), {@code --baseline}, the rule filters {@code --rule}/{@code --skip-rule} and
 * {@code --min-severity}. {@link #load} reads all of it before anything is scanned, so a bad file or an unknown rule
 * is a usage error (exit 2), and fills in the options the command line left out with the file's defaults
 * ({@code failOn}, {@code output}, {@code baseline}, {@code minSeverity}).
 */
final class PolicyOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration file (default: .shimscan.yaml in the scan root or the nearest directory "
                    + "above it, up to the repository root). See docs/config.md.")
    private Path config;

    @Option(names = "--no-config", description = "Use no configuration file, even if one is found.")
    private boolean noConfig;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Compare with a baseline (shimscan baseline create, or a JSON report): only findings that "
                    + "are not in it can fail the run; each finding is marked new or existing, and the baseline's "
                    + "findings that are gone are listed as fixed.")
    private Path baseline;

    @Option(names = "--rule", paramLabel = "GLOB",
            description = "Run only the rules matching GLOB (an id or a name: DS101, DS1*, docker-socket-*). "
                    + "Repeatable.")
    private List<String> onlyRules = new ArrayList<>();

    @Option(names = "--skip-rule", paramLabel = "GLOB",
            description = "Do not run the rules matching GLOB. Repeatable.")
    private List<String> skipRules = new ArrayList<>();

    @Option(names = "--min-severity", paramLabel = "SEVERITY", converter = SeverityConverter.class,
            description = "Report only findings at least this severe: error, warning or note (default: note, all).")
    private Severity minSeverity;

    /**
     * Reads the configuration that applies to a scan of {@code roots} (paths; {@code -} and an empty list mean the
     * working directory), sets the defaults it gives, and chooses the rules.
     */
    ScanPolicy load(List<String> roots) {
        ShimscanConfig cfg = readConfig(roots);
        applyDefaults(cfg);
        List<Rule> rules = chooseRules(cfg);
        FindingPolicy policy = cfg.policy();
        if (cfg.directory() != null) {
            policy = policy.withFiles(FindingPolicy.RelativeFiles.from(workingDirectory(), cfg.directory()));
        }
        if (minSeverity != null) {
            policy = policy.withMinSeverity(minSeverity);
        }
        return new ScanPolicy(cfg, rules, policy, readBaseline(cfg), workingDirectory());
    }

    /** Like {@link #load}, without a baseline ({@code shimscan baseline create}). */
    ScanPolicy loadWithoutBaseline(List<String> roots) {
        ScanPolicy p = load(roots);
        return new ScanPolicy(p.config(), p.rules(), p.policy(), null, p.workingDirectory());
    }

    private ShimscanConfig readConfig(List<String> roots) {
        if (noConfig) {
            return ShimscanConfig.EMPTY;
        }
        Path file = config;
        if (file == null) {
            Path start = roots.stream().filter(r -> !r.equals("-")).findFirst().map(Path::of)
                    .orElse(workingDirectory());
            Optional<Path> found = ConfigFiles.find(start);
            if (found.isEmpty()) {
                return ShimscanConfig.EMPTY;
            }
            file = found.get();
        }
        String display = displayOf(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw usage("--config " + file + ": no such file");
        } catch (IOException | RuntimeException e) {
            throw usage("cannot read the configuration file " + display + ": " + e.getMessage());
        }
        try {
            return new ConfigReader(vocabulary()).read(file, display, text);
        } catch (ConfigException e) {
            throw usage("invalid configuration file:\n  " + String.join("\n  ", e.problems()));
        }
    }

    /** What rule ids, rule names and format names a configuration file may use: those of this run. */
    static ConfigReader.Vocabulary vocabulary() {
        RuleRegistry registry = RuleRegistry.load();
        return new ConfigReader.Vocabulary(
                registry.rules().stream().map(r -> r.meta().id()).collect(Collectors.toCollection(TreeSet::new)),
                registry.rules().stream().map(r -> r.meta().name()).collect(Collectors.toCollection(TreeSet::new)),
                Set.copyOf(ReportFormats.standard().names()));
    }

    /** True when {@code --baseline} was given. */
    boolean baselineGiven() {
        return baseline != null;
    }

    /** The configuration's defaults, for every option the command line did not give. */
    private void applyDefaults(ShimscanConfig cfg) {
        if (cfg.failOn() != null) {
            setUnlessGiven("--fail-on", FailOnOption.FailOn.valueOf(cfg.failOn().toUpperCase(java.util.Locale.ROOT)));
        }
        ShimscanConfig.Output out = cfg.output();
        if (out.format() != null) {
            setUnlessGiven("--format", out.format());
        }
        if (!out.files().isEmpty()) {
            List<String> files = new ArrayList<>();
            for (String f : out.files()) {
                int eq = f.indexOf('=');
                String path = f.substring(eq + 1);
                files.add(path.equals("-") || cfg.directory() == null ? f
                        : f.substring(0, eq + 1) + relativeToWorkingDirectory(cfg.directory().resolve(path)));
            }
            setUnlessGiven("--output", files);
        }
        if (Boolean.TRUE.equals(out.noColor())) {
            setUnlessGiven("--no-color", true);
        }
        if (Boolean.TRUE.equals(out.includeSuppressed())) {
            setUnlessGiven("--include-suppressed", true);
        }
    }

    private void setUnlessGiven(String name, Object value) {
        OptionSpec option = mixee.findOption(name);
        ParseResult parsed = mixee.commandLine().getParseResult();
        if (option != null && (parsed == null || !parsed.hasMatchedOption(option))) {
            option.setValue(value);
        }
    }

    private List<Rule> chooseRules(ShimscanConfig cfg) {
        List<Rule> all = RuleRegistry.load().rules();
        RuleSelector only = RuleSelector.of(onlyRules);
        RuleSelector skip = RuleSelector.of(skipRules);
        for (Glob g : only.globs()) {
            known(all, g, "--rule");
        }
        for (Glob g : skip.globs()) {
            known(all, g, "--skip-rule");
        }
        List<Rule> chosen = all.stream()
                .filter(cfg::runs)
                .filter(r -> only.isEmpty() || only.matches(r.meta()))
                .filter(r -> !skip.matches(r.meta()))
                .toList();
        if (chosen.isEmpty()) {
            throw usage("no rule is left to run (--rule, --skip-rule and the rules of the configuration file "
                    + "exclude them all)");
        }
        return chosen;
    }

    private void known(List<Rule> all, Glob g, String option) {
        if (all.stream().noneMatch(r -> RuleSelector.matches(g, r.meta()))) {
            throw usage(option + " " + g.text() + ": unknown rule (known rules: " + all.stream()
                    .map(r -> r.meta().id()).collect(Collectors.joining(", ")) + "); 'shimscan rules' lists them");
        }
    }

    private Baseline readBaseline(ShimscanConfig cfg) {
        Path file = baseline != null ? baseline : cfg.baseline();
        if (file == null) {
            return null;
        }
        String display = baseline != null ? baseline.toString() : relativeToWorkingDirectory(file);
        String origin = baseline != null ? "--baseline " + baseline : "baseline: " + display + " (in "
                + displayOf(cfg.file()) + ")";
        try {
            return Baseline.read(display, Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw usage(origin + ": no such file; write one with 'shimscan baseline create -o " + display
                    + " PATH...'");
        } catch (IOException | RuntimeException e) {
            throw usage(origin + ": cannot read: " + e.getMessage());
        } catch (Baseline.BadBaselineException e) {
            throw usage(e.getMessage());
        }
    }

    private String displayOf(Path file) {
        return relativeToWorkingDirectory(file);
    }

    private String relativeToWorkingDirectory(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = workingDirectory();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    private static Path workingDirectory() {
        return Path.of("").toAbsolutePath().normalize();
    }

    private ParameterException usage(String message) {
        return new ParameterException(mixee.commandLine(), message);
    }

    /** error, warning or note, in any case. */
    static final class SeverityConverter implements ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            try {
                return Severity.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected error, warning or note but was '" + value + "'");
            }
        }
    }
}
