package dev.shimscan.cli;

import dev.shimscan.core.config.ShimscanConfig;
import dev.shimscan.core.policy.Baseline;
import dev.shimscan.core.policy.FindingPolicy;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.source.manifest.ManifestInput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;

/**
 * What {@link PolicyOptions} decided for one run: the configuration file, the rules to run, the policy for the
 * findings and the baseline (null without one).
 */
record ScanPolicy(ShimscanConfig config, List<Rule> rules, FindingPolicy policy, Baseline baseline,
                  Path workingDirectory) {

    /**
     * The same policy for a node audit: {@code file} globs of suppression entries match the files as the report
     * names them, relative to the node's root ({@code etc/docker/daemon.json}).
     */
    ScanPolicy forHostFiles() {
        return new ScanPolicy(config, rules, policy.withFiles(FindingPolicy.RelativeFiles.AS_REPORTED), baseline,
                workingDirectory);
    }

    /** The manifest files the configuration's {@code paths} let through (stdin always). */
    Predicate<ManifestInput> inputs() {
        Path dir = config.directory();
        if (dir == null || (config.includePaths().isEmpty() && config.excludePaths().isEmpty())) {
            return input -> true;
        }
        return input -> {
            if (input.isStdin()) {
                return true;
            }
            String relative = FindingPolicy.RelativeFiles.relative(workingDirectory, dir, input.path().toString());
            return config.scans(relative == null || relative.startsWith("../") ? null : relative);
        };
    }

    /**
     * The report with the policy applied (exclusions, severities, minimum severity, suppression entries) and compared
     * with the baseline; expired suppression entries are also said on {@code err}.
     */
    Report apply(Report report, LocalDate today, PrintWriter err) {
        Report applied = policy.apply(report, today);
        for (Report.ExpiredSuppression e : applied.expiredSuppressions()) {
            err.println("shimscan: " + e.origin() + ": the suppression of " + e.rule() + " expired on " + e.expires()
                    + " and no longer applies" + (e.matching() == 0 ? "" : " (" + e.matching() + " finding"
                    + (e.matching() == 1 ? "" : "s") + ")") + "; renew it with a new date or remove it");
        }
        err.flush();
        return baseline == null ? applied : baseline.compare(applied);
    }
}
