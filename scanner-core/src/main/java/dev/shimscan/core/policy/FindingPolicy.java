package dev.shimscan.core.policy;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.report.ReportBuilder;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a team decided about findings, applied to a finished report, in this order: findings on excluded namespaces
 * and objects are dropped; severities are overridden; findings below the minimum severity are dropped; suppression
 * entries that have not expired suppress the findings they match (expired ones are listed in the report instead).
 * The summary is counted again. Annotation suppressions were applied by the engine already.
 *
 * @param severities        rule id glob to severity, first match wins
 * @param minSeverity       findings below it are dropped; null keeps every finding
 * @param excludeNamespaces findings on objects in these namespaces are dropped
 * @param excludeObjects    findings on these objects are dropped
 * @param suppressions      the {@code suppressions} entries
 * @param files             turns a finding's file into a path relative to the configuration file's directory
 */
public record FindingPolicy(Map<Glob, Severity> severities, Severity minSeverity, List<Glob> excludeNamespaces,
                            List<ObjectSelector> excludeObjects, List<SuppressionEntry> suppressions,
                            RelativeFiles files) {

    public static final FindingPolicy NONE = new FindingPolicy(Map.of(), null, List.of(), List.of(), List.of(),
            RelativeFiles.NONE);

    public FindingPolicy {
        severities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(severities));
        excludeNamespaces = List.copyOf(excludeNamespaces);
        excludeObjects = List.copyOf(excludeObjects);
        suppressions = List.copyOf(suppressions);
    }

    /** The same policy, with file globs matched against files as {@code files} names them. */
    public FindingPolicy withFiles(RelativeFiles relativeFiles) {
        return new FindingPolicy(severities, minSeverity, excludeNamespaces, excludeObjects, suppressions,
                relativeFiles);
    }

    /** The same policy with another minimum severity ({@code --min-severity} wins over the file). */
    public FindingPolicy withMinSeverity(Severity s) {
        return new FindingPolicy(severities, s, excludeNamespaces, excludeObjects, suppressions, files);
    }

    /** Applies the policy to {@code report} as of {@code today} (for {@code expires}). */
    public Report apply(Report report, LocalDate today) {
        List<SuppressionEntry> active = new ArrayList<>();
        Map<SuppressionEntry, int[]> expired = new LinkedHashMap<>();
        for (SuppressionEntry e : suppressions) {
            if (e.expiredOn(today)) {
                expired.put(e, new int[1]);
            } else {
                active.add(e);
            }
        }
        List<Finding> kept = new ArrayList<>();
        for (Finding original : report.findings()) {
            if (excluded(original)) {
                continue;
            }
            Finding f = overridden(original);
            if (minSeverity != null && !f.severity().atLeast(minSeverity)) {
                continue;
            }
            if (!f.suppressed()) {
                for (SuppressionEntry e : active) {
                    if (e.matches(f, files::of)) {
                        f = f.withSuppression(e.suppression());
                        break;
                    }
                }
            }
            for (Map.Entry<SuppressionEntry, int[]> e : expired.entrySet()) {
                if (e.getKey().matches(f, files::of)) {
                    e.getValue()[0]++;
                }
            }
            kept.add(f);
        }
        List<Report.ExpiredSuppression> stale = new ArrayList<>(report.expiredSuppressions());
        expired.forEach((e, n) -> stale.add(new Report.ExpiredSuppression(e.origin(), e.rule().text(), e.reason(),
                e.expires().toString(), n[0])));
        Report.Summary s = report.summary();
        Report.Summary summary = ReportBuilder.summarize(kept, s.byRule().keySet(), s.objectsScanned(),
                s.filesScanned(), s.documentsSkipped(), s.baseline());
        return report.withFindings(summary, List.copyOf(kept), report.fixed(), List.copyOf(stale));
    }

    private boolean excluded(Finding f) {
        String ns = f.object() == null || f.object().namespace() == null ? "" : f.object().namespace();
        if (excludeNamespaces.stream().anyMatch(g -> g.matches(ns))) {
            return true;
        }
        return excludeObjects.stream().anyMatch(o -> o.matches(f.object()));
    }

    private Finding overridden(Finding f) {
        for (Map.Entry<Glob, Severity> e : severities.entrySet()) {
            if (e.getKey().matches(f.ruleId())) {
                return e.getValue() == f.severity() ? f : f.withSeverity(e.getValue());
            }
        }
        return f;
    }

    /** A finding's file relative to the configuration file's directory, with forward slashes. */
    @FunctionalInterface
    public interface RelativeFiles {
        RelativeFiles NONE = f -> null;

        /** Files as the report names them (host scans: relative to the node's root). */
        RelativeFiles AS_REPORTED = f -> f.location() == null ? null : f.location().file();

        String of(Finding f);

        /**
         * Files named relative to {@code workingDirectory} (as reports name them), made relative to
         * {@code configDirectory}; stdin and live objects have none.
         */
        static RelativeFiles from(Path workingDirectory, Path configDirectory) {
            Path base = configDirectory.toAbsolutePath().normalize();
            return f -> {
                if (f.location() == null || f.location().file() == null || f.location().file().equals("-")) {
                    return null;
                }
                return relative(workingDirectory, base, f.location().file());
            };
        }

        /** {@code file} relative to {@code base}, or null when it cannot be. */
        static String relative(Path workingDirectory, Path base, String file) {
            try {
                Path abs = workingDirectory.toAbsolutePath().resolve(file).normalize();
                return base.relativize(abs).toString().replace('\\', '/');
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
