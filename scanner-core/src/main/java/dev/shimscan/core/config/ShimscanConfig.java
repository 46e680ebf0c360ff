package dev.shimscan.core.config;

import dev.shimscan.core.policy.FindingPolicy;
import dev.shimscan.core.policy.Glob;
import dev.shimscan.core.policy.RuleSelector;
import dev.shimscan.core.rule.Rule;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code .shimscan.yaml}, read and checked ({@link ConfigReader}); {@code docs/config.schema.json} describes it.
 *
 * @param file          the file, absolute; null for {@link #EMPTY}
 * @param enable        only these rules run (globs over ids and names); empty: every rule
 * @param disable       these rules do not run
 * @param policy        severities, minimum severity, excluded namespaces and objects, suppressions
 * @param includePaths  only files matching one of these are scanned (relative to the file's directory); empty: all
 * @param excludePaths  files matching one of these are not scanned
 * @param failOn        the default of {@code --fail-on}, or null
 * @param output        defaults of the output options
 * @param baseline      the default of {@code --baseline}, resolved against the file's directory, or null
 */
public record ShimscanConfig(Path file, RuleSelector enable, RuleSelector disable, FindingPolicy policy,
                            List<Glob> includePaths, List<Glob> excludePaths, String failOn, Output output,
                            Path baseline) {

    public static final String FILE_NAME = ".shimscan.yaml";

    public static final ShimscanConfig EMPTY = new ShimscanConfig(null, new RuleSelector(List.of()),
            new RuleSelector(List.of()), FindingPolicy.NONE, List.of(), List.of(), null, Output.NONE, null);

    public ShimscanConfig {
        includePaths = List.copyOf(includePaths);
        excludePaths = List.copyOf(excludePaths);
    }

    /**
     * Output defaults; each applies only when the command line does not set the option.
     *
     * @param format            {@code --format}
     * @param files             {@code -o} values ({@code json=shimscan.json})
     * @param noColor           {@code --no-color}
     * @param includeSuppressed {@code --include-suppressed}
     */
    public record Output(String format, List<String> files, Boolean noColor, Boolean includeSuppressed) {
        public static final Output NONE = new Output(null, List.of(), null, null);

        public Output {
            files = List.copyOf(files);
        }
    }

    /** The directory that the file's relative paths and globs are relative to. */
    public Path directory() {
        return file == null ? null : file.getParent();
    }

    /** True when the rule runs: enabled (or no {@code enable} list) and not disabled. */
    public boolean runs(Rule rule) {
        return (enable.isEmpty() || enable.matches(rule.meta())) && !disable.matches(rule.meta());
    }

    /**
     * True when a file is scanned: {@code relative} is its path relative to the file's directory (null when it is
     * outside it or stdin: then only the exclusions that match it apply, and nothing outside is excluded).
     */
    public boolean scans(String relative) {
        if (relative == null) {
            return true;
        }
        if (!includePaths.isEmpty() && includePaths.stream().noneMatch(g -> g.matches(relative))) {
            return false;
        }
        return excludePaths.stream().noneMatch(g -> g.matches(relative));
    }
}
