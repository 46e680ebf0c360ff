package dev.shimscan.core.report;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The human-readable report for a terminal or a CI log. Findings read from files are grouped by file, findings
 * without a file (live cluster objects) by object; each finding is one line
 * ({@code LINE:COL  SEVERITY  DSxxx  message}) followed by a dim line naming the object, the container and the
 * path. Problems get their own section, and a summary line closes the report. ANSI colours only when
 * {@link RenderOptions#color()} is on. Deterministic: the same report gives the same bytes.
 */
public final class ConsoleRenderer implements Renderer {
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";
    private static final int SEVERITY_WIDTH = "warning".length();

    @Override
    public String format() {
        return "console";
    }

    @Override
    public void render(Report report, RenderOptions options, OutputStream out) throws IOException {
        out.write(text(report, options).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The whole report as text, lines ending in {@code \n}. */
    public String text(Report report, RenderOptions options) {
        Style style = new Style(options.color());
        StringBuilder sb = new StringBuilder();
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        Map<String, List<Finding>> byObject = new LinkedHashMap<>();
        for (Finding f : sortedForDisplay(report.findings())) {
            if (f.location() != null) {
                byFile.computeIfAbsent(f.location().file(), k -> new ArrayList<>()).add(f);
            } else {
                byObject.computeIfAbsent(objectHeading(f), k -> new ArrayList<>()).add(f);
            }
        }
        byFile.forEach((file, findings) -> fileGroup(sb, style, file, findings));
        byObject.forEach((heading, findings) -> objectGroup(sb, style, heading, findings));
        clusterFacts(sb, style, report);
        problems(sb, style, report.coverage());
        baselineAndSuppressions(sb, style, report);
        sb.append(style.bold(summaryLine(report))).append('\n');
        return sb.toString();
    }

    /** The baseline's findings that are gone, and suppression entries that expired. */
    private static void baselineAndSuppressions(StringBuilder sb, Style style, Report report) {
        if (!report.fixed().isEmpty()) {
            sb.append(style.bold("Fixed since the baseline")).append('\n');
            for (Finding f : report.fixed()) {
                sb.append("  ").append(f.ruleId()).append("  ")
                        .append(f.object() == null ? "" : f.object().display())
                        .append(f.location() == null ? "" : "  " + f.location().file() + ":" + f.location().line())
                        .append(f.path() == null ? "" : "  " + f.path()).append('\n');
            }
            sb.append('\n');
        }
        if (!report.expiredSuppressions().isEmpty()) {
            sb.append(style.bold("Expired suppressions (they no longer apply)")).append('\n');
            for (Report.ExpiredSuppression e : report.expiredSuppressions()) {
                sb.append("  ").append(e.origin()).append("  ").append(e.rule()).append("  expired on ")
                        .append(e.expires()).append(", ").append(plural(e.matching(), "finding")).append(": ")
                        .append(e.reason()).append('\n');
            }
            sb.append('\n');
        }
    }

    /**
     * One line that sums the report up, e.g.
     * {@code 12 findings (3 error, 8 warning, 1 note) in 97 files, 420 objects; 1 file could not be read}.
     */
    public static String summaryLine(Report report) {
        StringBuilder sb = new StringBuilder();
        Report.Summary s = report.summary();
        sb.append(plural(s.findings(), "finding"));
        List<String> severities = new ArrayList<>();
        for (Severity sev : Severity.values()) {
            int n = s.bySeverity().getOrDefault(sev.label(), 0);
            if (n > 0) {
                severities.add(n + " " + sev.label());
            }
        }
        if (!severities.isEmpty()) {
            sb.append(" (").append(String.join(", ", severities)).append(')');
        }
        sb.append(" in ");
        if (report.scan().source() != SourceKind.CLUSTER) {
            sb.append(plural(s.filesScanned(), "file"));
            int notParsed = report.coverage() == null ? 0 : report.coverage().filesNotParsed();
            if (notParsed > 0) {
                sb.append(" (").append(notParsed).append(" without any rule keyword, not parsed)");
            }
            sb.append(", ");
        }
        sb.append(plural(s.objectsScanned(), "object"));
        if (s.baseline() != null) {
            sb.append("; ").append(s.baseline().newFindings()).append(" new since the baseline");
            if (s.baseline().fixed() > 0) {
                sb.append(", ").append(s.baseline().fixed()).append(" fixed");
            }
        }
        if (s.suppressed() > 0) {
            sb.append("; ").append(s.suppressed()).append(" suppressed");
        }
        List<String> gaps = coverageGaps(report.coverage());
        for (String gap : gaps) {
            sb.append("; ").append(gap);
        }
        return sb.toString();
    }

    private static List<String> coverageGaps(Report.Coverage coverage) {
        Set<String> unreadFiles = new LinkedHashSet<>();
        int ruleErrors = 0;
        int other = 0;
        for (ScanProblem p : coverage.errors()) {
            if (p.type() == ScanProblem.Type.RULE_ERROR) {
                ruleErrors++;
            } else if (p.file() != null) {
                unreadFiles.add(p.file());
            } else {
                other++;
            }
        }
        List<String> gaps = new ArrayList<>();
        if (!unreadFiles.isEmpty()) {
            gaps.add(plural(unreadFiles.size(), "file") + " could not be read");
        }
        if (ruleErrors > 0) {
            gaps.add(plural(ruleErrors, "rule error"));
        }
        if (other > 0) {
            gaps.add(plural(other, "other problem"));
        }
        if (!coverage.skipped().isEmpty()) {
            gaps.add(plural(coverage.skipped().size(), "resource type") + " not inspected");
        }
        return gaps;
    }

    private static List<Finding> sortedForDisplay(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Finding.ORDER);
        return sorted;
    }

    private static String objectHeading(Finding f) {
        String heading = f.object() == null ? "(no object)" : f.object().display();
        return f.cluster() == null ? heading : heading + " (cluster " + f.cluster() + ")";
    }

    private static void fileGroup(StringBuilder sb, Style style, String file, List<Finding> findings) {
        sb.append(style.bold(file)).append('\n');
        int width = findings.stream().mapToInt(f -> position(f).length()).max().orElse(0);
        for (Finding f : findings) {
            String pos = position(f);
            sb.append("  ").append(" ".repeat(width - pos.length())).append(pos);
            findingLine(sb, style, f);
            details(sb, style, f, 2 + width + 2, true);
        }
        sb.append('\n');
    }

    private static void objectGroup(StringBuilder sb, Style style, String heading, List<Finding> findings) {
        sb.append(style.bold(heading)).append('\n');
        for (Finding f : findings) {
            sb.append(' ');
            findingLine(sb, style, f);
            details(sb, style, f, 3, false);
        }
        sb.append('\n');
    }

    private static void findingLine(StringBuilder sb, Style style, Finding f) {
        String label = f.severity().label();
        sb.append("  ").append(style.severity(f.severity(), label))
                .append(" ".repeat(SEVERITY_WIDTH - label.length()))
                .append("  ").append(f.ruleId()).append("  ").append(f.message());
        if (f.suppressed()) {
            sb.append(f.suppression() == null || f.suppression().reason() == null ? " (suppressed)"
                    : " (suppressed: " + f.suppression().reason() + ")");
        } else if (f.baseline() == dev.shimscan.core.model.BaselineStatus.EXISTING) {
            sb.append(" (in the baseline)");
        }
        sb.append('\n');
    }

    private static void details(StringBuilder sb, Style style, Finding f, int indent, boolean withObject) {
        List<String> parts = new ArrayList<>();
        if (withObject && f.object() != null) {
            parts.add(f.object().display());
        }
        if (f.owner() != null && !f.owner().equals(f.object())) {
            parts.add("owner " + f.owner().display());
        }
        if (f.podCount() != null) {
            parts.add(plural(f.podCount(), "pod"));
        }
        if (f.container() != null) {
            parts.add("container " + f.container());
        }
        if (f.path() != null) {
            parts.add(f.path());
        }
        if (!parts.isEmpty()) {
            sb.append(" ".repeat(indent)).append(style.dim(String.join("  ", parts))).append('\n');
        }
    }

    /** Cluster scans: the nodes that run Docker Engine, one verdict per cluster, what was not checked. */
    private static void clusterFacts(StringBuilder sb, Style style, Report report) {
        if (report.clusters().isEmpty()) {
            return;
        }
        List<Report.NodeInfo> docker = report.nodes().stream()
                .filter(n -> "docker".equals(n.containerRuntime())).toList();
        if (!docker.isEmpty()) {
            sb.append(style.bold("Nodes on Docker Engine")).append('\n');
            for (Report.NodeInfo n : docker) {
                sb.append("  ").append(n.cluster() == null ? "" : n.cluster() + "  ").append(n.name()).append("  ")
                        .append(n.containerRuntimeVersion()).append("  kubelet ")
                        .append(n.kubeletVersion() == null ? "?" : n.kubeletVersion()).append('\n');
            }
            sb.append('\n');
        }
        for (Report.ClusterSummary c : report.clusters()) {
            sb.append(style.bold(c.verdict())).append('\n');
        }
        for (Report.Skipped s : report.coverage().notChecked()) {
            sb.append("  ").append(style.dim("not checked: " + s.reason())).append('\n');
        }
        sb.append('\n');
    }

    private static void problems(StringBuilder sb, Style style, Report.Coverage coverage) {
        if (coverage.errors().isEmpty() && coverage.skipped().isEmpty()) {
            return;
        }
        sb.append(style.bold("Problems (the scan is incomplete)")).append('\n');
        List<ScanProblem> sorted = new ArrayList<>(coverage.errors());
        sorted.sort(ScanProblem.ORDER);
        for (ScanProblem p : sorted) {
            sb.append("  ").append(problemPlace(p)).append("  ").append(p.type().label()).append("  ")
                    .append(p.message()).append('\n');
        }
        List<Report.Skipped> skipped = new ArrayList<>(coverage.skipped());
        skipped.sort(Comparator.comparing((Report.Skipped s) -> String.valueOf(s.kind()))
                .thenComparing(s -> String.valueOf(s.namespace())));
        for (Report.Skipped s : skipped) {
            String where = s.namespace() == null ? "" : " in namespace " + s.namespace();
            sb.append("  ").append(s.kind()).append(where).append("  not inspected  ").append(s.reason()).append('\n');
        }
        sb.append('\n');
    }

    private static String problemPlace(ScanProblem p) {
        if (p.file() == null) {
            return "(no file)";
        }
        if (p.line() == null) {
            return p.file();
        }
        return p.file() + ":" + p.line() + (p.column() == null ? "" : ":" + p.column());
    }

    private static String position(Finding f) {
        return f.location().line() + ":" + f.location().column();
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** ANSI styling, or none. */
    private record Style(boolean color) {
        String bold(String s) {
            return color ? BOLD + s + RESET : s;
        }

        String dim(String s) {
            return color ? DIM + s + RESET : s;
        }

        String severity(Severity severity, String s) {
            if (!color) {
                return s;
            }
            String code = switch (severity) {
                case ERROR -> BOLD + RED;
                case WARNING -> YELLOW;
                case NOTE -> CYAN;
            };
            return code + s + RESET;
        }
    }
}
