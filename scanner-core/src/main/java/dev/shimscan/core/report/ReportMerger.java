package dev.shimscan.core.report;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.SourceKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges several reports (clusters of a fleet, CI shards, node audits) into one. Counts are sums, every finding
 * keeps its cluster and location, nodes, cluster summaries and coverage are concatenated, and everything is
 * sorted, so the result does not depend on the order of the inputs.
 *
 * <ul>
 *   <li>{@code scan.source}: the common source; {@code cluster} when sources differ and one is a cluster
 *       (findings without a file are then allowed), otherwise the first input's;</li>
 *   <li>{@code scan.targets}: every input's targets, first occurrence kept; {@code startedAt}: the earliest;
 *       {@code durationMs}: the sum;</li>
 *   <li>{@code tool}: this shimscan (the one that merged).</li>
 * </ul>
 */
public final class ReportMerger {
    private ReportMerger() {
    }

    public static Report merge(List<Report> reports) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        Report first = reports.get(0);
        Set<SourceKind> sources = new LinkedHashSet<>();
        Set<String> targets = new LinkedHashSet<>();
        String startedAt = null;
        long duration = 0;
        int objects = 0;
        int files = 0;
        int skippedDocs = 0;
        int notParsed = 0;
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        Map<String, Integer> byRule = new TreeMap<>();
        List<Finding> findings = new ArrayList<>();
        List<Report.NodeInfo> nodes = new ArrayList<>();
        List<Report.ClusterSummary> clusters = new ArrayList<>();
        Map<String, Integer> inspected = new TreeMap<>();
        List<Report.Skipped> skipped = new ArrayList<>();
        Set<Report.Skipped> notChecked = new LinkedHashSet<>();
        List<ScanProblem> errors = new ArrayList<>();
        int suppressed = 0;
        List<Finding> fixed = new ArrayList<>();
        Set<Report.ExpiredSuppression> expired = new LinkedHashSet<>();
        Report.BaselineSummary baseline = null;
        for (Report r : reports) {
            sources.add(r.scan().source());
            targets.addAll(r.scan().targets());
            if (startedAt == null || r.scan().startedAt().compareTo(startedAt) < 0) {
                startedAt = r.scan().startedAt();
            }
            duration += r.scan().durationMs();
            Report.Summary s = r.summary();
            objects += s.objectsScanned();
            files += s.filesScanned();
            skippedDocs += s.documentsSkipped();
            s.bySeverity().forEach((k, v) -> bySeverity.merge(k, v, Integer::sum));
            s.byRule().forEach((k, v) -> byRule.merge(k, v, Integer::sum));
            findings.addAll(r.findings());
            nodes.addAll(r.nodes());
            clusters.addAll(orEmpty(r.clusters()));
            r.coverage().inspected().forEach((k, v) -> inspected.merge(k, v, Integer::sum));
            skipped.addAll(r.coverage().skipped());
            notChecked.addAll(orEmpty(r.coverage().notChecked()));
            errors.addAll(r.coverage().errors());
            notParsed += r.coverage().filesNotParsed();
            suppressed += s.suppressed();
            fixed.addAll(r.fixed());
            expired.addAll(r.expiredSuppressions());
            baseline = sum(baseline, s.baseline());
        }
        fixed.sort(Finding.ORDER);
        int total = reports.stream().mapToInt(r -> r.summary().findings()).sum();
        findings.sort(Finding.ORDER);
        nodes.sort(Comparator.comparing((Report.NodeInfo n) -> n.cluster() == null ? "" : n.cluster())
                .thenComparing(n -> n.name() == null ? "" : n.name()));
        clusters.sort(Comparator.comparing(c -> c.name() == null ? "" : c.name()));
        skipped.sort(SKIPPED_ORDER);
        List<Report.Skipped> notCheckedSorted = new ArrayList<>(notChecked);
        notCheckedSorted.sort(SKIPPED_ORDER);
        errors.sort(ScanProblem.ORDER);
        Report.Summary summary = new Report.Summary(total, sortedSeverities(bySeverity), byRule, objects, files,
                skippedDocs, suppressed, baseline);
        Report.Scan scan = new Report.Scan(sourceOf(sources, first.scan().source()), List.copyOf(targets), startedAt,
                duration);
        return new Report(Report.SCHEMA_VERSION, new Report.Tool(ToolVersion.NAME, ToolVersion.version()), scan,
                summary, List.copyOf(findings), List.copyOf(nodes),
                new Report.Coverage(inspected, List.copyOf(skipped), List.copyOf(errors), List.copyOf(notCheckedSorted),
                        notParsed),
                List.copyOf(clusters), List.copyOf(fixed), List.copyOf(expired));
    }

    /** Baseline comparisons add up; the file is kept when the reports agree on it. */
    private static Report.BaselineSummary sum(Report.BaselineSummary a, Report.BaselineSummary b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        String file = java.util.Objects.equals(a.file(), b.file()) ? a.file() : null;
        return new Report.BaselineSummary(file, a.newFindings() + b.newFindings(), a.existing() + b.existing(),
                a.fixed() + b.fixed());
    }

    private static final Comparator<Report.Skipped> SKIPPED_ORDER = Comparator
            .comparing((Report.Skipped s) -> s.kind() == null ? "" : s.kind())
            .thenComparing(s -> s.namespace() == null ? "" : s.namespace())
            .thenComparing(s -> s.reason() == null ? "" : s.reason());

    private static SourceKind sourceOf(Set<SourceKind> sources, SourceKind first) {
        if (sources.size() == 1) {
            return first;
        }
        return sources.contains(SourceKind.CLUSTER) ? SourceKind.CLUSTER : first;
    }

    /** error, warning, note first (as every report writes them), then anything else in key order. */
    private static Map<String, Integer> sortedSeverities(Map<String, Integer> counts) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        for (dev.shimscan.core.model.Severity s : dev.shimscan.core.model.Severity.values()) {
            sorted.put(s.label(), counts.getOrDefault(s.label(), 0));
        }
        new TreeMap<>(counts).forEach(sorted::putIfAbsent);
        return sorted;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
