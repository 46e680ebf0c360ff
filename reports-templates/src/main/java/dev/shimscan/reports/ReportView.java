package dev.shimscan.reports;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ObjectRef;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.Suppression;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.rule.RuleDoc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the HTML and Markdown templates (and custom {@code --template}s) see: a report turned into plain records
 * of strings, numbers, booleans and lists, with no nulls (absent text is {@code ""}), so a template never needs
 * Java calls or null checks. Built once per rendering from the report and the rule catalog.
 *
 * @param verdict   the one sentence at the top: how many workloads and nodes still depend on Docker Engine
 * @param groups    the findings grouped by rule, in catalog order, each group in report order
 * @param findings  every finding, in report order (the same objects as in {@code groups})
 * @param rules     every rule that ran or fired, with its count (zero included)
 * @param help      the help of each rule that fired, as HTML (for the collapsible sections)
 * @param baseline  the comparison with {@code --baseline} ({@code used} false without one)
 */
public record ReportView(String toolName, String toolVersion, String source, List<String> targets,
                         String startedAt, long durationMs, Verdict verdict, List<SeverityCount> severities,
                         int findingCount, int suppressedCount, int objectsScanned, int filesScanned,
                         int documentsSkipped, List<RuleCount> rules, NodeChart nodeChart, List<Group> groups,
                         List<FindingView> findings, List<RuleHelp> help, CoverageView coverage,
                         List<ClusterView> clusters, BaselineView baseline) {

    /** The headline and the sentences under it. {@code clean}: nothing (unsuppressed) depends on Docker Engine. */
    public record Verdict(String headline, List<String> details, boolean clean, int workloads, int nodes,
                          int configObjects) {
    }

    public record SeverityCount(String label, int count) {
    }

    /** @param percent share of the largest rule count, for bars (0–100) */
    public record RuleCount(String id, String name, String severity, String summary, String helpUri, int count,
                            int percent) {
    }

    /**
     * @param where    {@code file:line:column}, or for a live object {@code cluster NAME} (or {@code ""})
     * @param object   {@code Kind/namespace/name}
     * @param workload the top-level workload: the owner for live objects, else the object itself
     * @param namespace the namespace, or {@code ""} for cluster-scoped objects
     * @param baseline  {@code new} or {@code existing} with {@code --baseline}, else {@code ""}
     * @param suppression why a suppressed finding is suppressed, and where that is written, else {@code ""}
     */
    public record FindingView(int index, String ruleId, String ruleName, String severity, String message,
                              String where, String file, int line, int column, String object, String kind,
                              String namespace, String name, String workload, String path, String container,
                              String evidence, String remediation, String cluster, int podCount, boolean suppressed,
                              String helpUri, String baseline, String suppression) {
    }

    /**
     * The comparison with {@code --baseline}: how many findings are new (only these can fail the run) and
     * existing, and the baseline's findings that are gone ({@code fixed}, in report order). Without a baseline
     * {@code used} is false, {@code file} empty and the counts 0.
     */
    public record BaselineView(boolean used, String file, int newFindings, int existing, int fixedCount,
                               List<FindingView> fixed) {
    }

    public record Group(String key, String label, String severity, List<FindingView> findings) {
    }

    public record RuleHelp(String id, String name, String severity, String summary, String remediation,
                           String helpUri, String html, String markdown) {
    }

    /** One bar of the runtime chart; {@code x}/{@code width} in SVG units out of {@link NodeChart#WIDTH}. */
    public record Bar(String label, int count, String cssClass, int y, int width, int percent) {
    }

    /** @param bars nodes by runtime; empty when the report has no nodes (a manifest scan) */
    public record NodeChart(int total, List<Bar> bars, int height) {
        public static final int WIDTH = 250;
    }

    public record NodeView(String name, String cluster, String runtime, String runtimeVersion,
                           String kubeletVersion, String osImage) {
    }

    public record ProblemView(String where, String type, String message) {
    }

    public record Count(String name, int count) {
    }

    public record SkippedView(String kind, String namespace, String reason) {
    }

    public record CoverageView(List<Count> inspected, List<ProblemView> errors, List<SkippedView> skipped,
                               List<SkippedView> notChecked, List<NodeView> dockerNodes, boolean complete) {
    }

    public record ClusterView(String name, String serverVersion, int nodes, int dockershimNodes, int criDockerdNodes,
                              String verdict) {
    }

    private static final Set<String> NOT_WORKLOADS = Set.of("Node", "ConfigMap", "Secret");
    private static final Pattern KUBELET = Pattern.compile("v?(\\d+)\\.(\\d+).*");

    public static ReportView of(Report report, List<RuleDoc> catalog) {
        Map<String, RuleDoc> docs = new TreeMap<>();
        catalog.forEach(d -> docs.put(d.meta().id(), d));
        List<FindingView> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            findings.add(view(findings.size(), f, docs.get(f.ruleId())));
        }
        Map<String, List<FindingView>> byRule = new TreeMap<>();
        findings.forEach(f -> byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f));
        List<Group> groups = new ArrayList<>();
        byRule.forEach((id, list) -> {
            RuleDoc d = docs.get(id);
            groups.add(new Group(id, d == null ? id : id + " " + d.meta().name(),
                    d == null ? list.get(0).severity() : d.meta().severity().label(), List.copyOf(list)));
        });
        Report.Summary s = report.summary();
        List<SeverityCount> severities = new ArrayList<>();
        for (Severity sev : Severity.values()) {
            severities.add(new SeverityCount(sev.label(), s.bySeverity().getOrDefault(sev.label(), 0)));
        }
        int suppressed = (int) report.findings().stream().filter(Finding::suppressed).count();
        return new ReportView(report.tool().name(), report.tool().version(), report.scan().source().reportName(),
                report.scan().targets(), report.scan().startedAt(), report.scan().durationMs(),
                verdict(report), List.copyOf(severities), s.findings(), suppressed, s.objectsScanned(),
                s.filesScanned(), s.documentsSkipped(), rules(report, docs), nodeChart(report.nodes()),
                List.copyOf(groups), List.copyOf(findings), help(byRule.keySet(), docs), coverage(report),
                clusters(report), baseline(report, docs));
    }

    private static BaselineView baseline(Report report, Map<String, RuleDoc> docs) {
        Report.BaselineSummary b = report.summary().baseline();
        if (b == null) {
            return new BaselineView(false, "", 0, 0, 0, List.of());
        }
        List<FindingView> fixed = new ArrayList<>();
        for (Finding f : report.fixed()) {
            fixed.add(view(fixed.size(), f, docs.get(f.ruleId())));
        }
        return new BaselineView(true, text(b.file()), b.newFindings(), b.existing(), b.fixed(), List.copyOf(fixed));
    }

    private static FindingView view(int index, Finding f, RuleDoc doc) {
        ObjectRef o = f.object();
        String where;
        String file = "";
        int line = 0;
        int column = 0;
        if (f.location() != null) {
            file = f.location().file();
            line = f.location().line();
            column = f.location().column();
            where = (f.node() == null ? "" : f.node() + ":") + file + ":" + line + ":" + column;
        } else {
            where = f.cluster() == null ? "" : "cluster " + f.cluster();
        }
        ObjectRef top = f.owner() != null ? f.owner() : o;
        String workload = (f.cluster() == null ? "" : f.cluster() + ": ") + (top == null ? "(no object)" : top.display());
        return new FindingView(index, f.ruleId(), doc == null ? "" : doc.meta().name(), f.severity().label(),
                f.message(), where, file, line, column, o == null ? "(no object)" : o.display(),
                o == null || o.kind() == null ? "" : o.kind(), o == null || o.namespace() == null ? "" : o.namespace(),
                o == null || o.name() == null ? "" : o.name(), workload, text(f.path()), text(f.container()),
                text(f.evidence()), text(f.remediation()), text(f.cluster()), f.podCount() == null ? 0 : f.podCount(),
                f.suppressed(), doc == null ? "" : doc.helpUri(), f.baseline() == null ? "" : f.baseline().label(),
                suppression(f.suppression()));
    }

    /**
     * {@code reason (annotation on Deployment ci/runner)}, {@code reason (.shimscan.yaml:14, until 2026-06-30)};
     * without a reason only the parenthesis' content; {@code ""} for none.
     */
    private static String suppression(Suppression s) {
        if (s == null) {
            return "";
        }
        String where = (Suppression.ANNOTATION.equals(s.source()) ? "annotation on " : "") + text(s.origin())
                + (s.expires() == null ? "" : ", until " + s.expires());
        return s.reason() == null || s.reason().isBlank() ? where : s.reason().strip() + " (" + where + ")";
    }

    /** "N workloads and M nodes still depend on Docker Engine", counted from unsuppressed findings and nodes. */
    static Verdict verdict(Report report) {
        Set<String> workloads = new LinkedHashSet<>();
        Set<String> configObjects = new LinkedHashSet<>();
        Set<String> nodes = new LinkedHashSet<>();
        for (Report.NodeInfo n : report.nodes()) {
            if ("docker".equals(n.containerRuntime())) {
                nodes.add(text(n.cluster()) + "/" + n.name());
            }
        }
        for (Finding f : report.findings()) {
            if (f.suppressed()) {
                continue;
            }
            ObjectRef top = f.owner() != null ? f.owner() : f.object();
            String kind = top == null || top.kind() == null ? "" : top.kind();
            String key = (top == null ? "(no object)" : top.display()) + (f.cluster() == null ? "" : " in " + f.cluster());
            if (f.node() != null) {
                nodes.add(text(f.cluster()) + "/" + f.node());
            } else if (kind.equals("Node")) {
                nodes.add(text(f.cluster()) + "/" + (top.name() == null ? "" : top.name()));
            } else if (NOT_WORKLOADS.contains(kind)) {
                configObjects.add(key);
            } else {
                workloads.add(key);
            }
        }
        int w = workloads.size();
        int n = nodes.size();
        int c = configObjects.size();
        boolean clean = w == 0 && n == 0 && c == 0;
        String headline = clean ? "No workload or node depends on Docker Engine"
                : plural(w, "workload") + " and " + plural(n, "node") + " still depend on Docker Engine";
        List<String> details = new ArrayList<>();
        if (c > 0) {
            List<String> names = configObjects.stream().limit(3).toList();
            details.add(plural(c, "configuration object") + " also " + (c == 1 ? "refers" : "refer")
                    + " to Docker Engine: " + String.join(", ", names) + (c > 3 ? " and " + (c - 3) + " more" : "")
                    + ".");
        }
        for (Report.ClusterSummary cs : report.clusters()) {
            if (cs.verdict() != null) {
                details.add(cs.verdict());
            }
        }
        if (report.incomplete()) {
            int errors = report.coverage().errors().size();
            int skipped = report.coverage().skipped().size();
            details.add("The scan is incomplete: " + (errors > 0 ? plural(errors, "input") + " could not be read" : "")
                    + (errors > 0 && skipped > 0 ? " and " : "")
                    + (skipped > 0 ? plural(skipped, "resource type") + " could not be listed" : "")
                    + " (see Coverage), so there may be more.");
        } else if (clean) {
            details.add("Nothing that was scanned depends on Docker Engine.");
        }
        return new Verdict(headline, List.copyOf(details), clean, w, n, c);
    }

    private static List<RuleCount> rules(Report report, Map<String, RuleDoc> docs) {
        Map<String, Integer> counts = new TreeMap<>(report.summary().byRule());
        report.findings().forEach(f -> counts.putIfAbsent(f.ruleId(), 0));
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<RuleCount> rules = new ArrayList<>();
        counts.forEach((id, count) -> {
            RuleDoc d = docs.get(id);
            rules.add(new RuleCount(id, d == null ? "" : d.meta().name(),
                    d == null ? "" : d.meta().severity().label(), d == null ? "" : d.meta().summary(),
                    d == null ? "" : d.helpUri(), count, max == 0 ? 0 : Math.max(count > 0 ? 1 : 0, count * 100 / max)));
        });
        return List.copyOf(rules);
    }

    private static List<RuleHelp> help(Set<String> fired, Map<String, RuleDoc> docs) {
        MarkdownHtml markdown = new MarkdownHtml(2);
        List<RuleHelp> help = new ArrayList<>();
        for (String id : fired) {
            RuleDoc d = docs.get(id);
            if (d == null) {
                continue;
            }
            String body = withoutTitle(d.helpMarkdown());
            help.add(new RuleHelp(id, d.meta().name(), d.meta().severity().label(), d.meta().summary(),
                    d.meta().remediation(), d.helpUri(), markdown.render(body), body));
        }
        return List.copyOf(help);
    }

    /** The help without its first-line title ({@code # DS101 name}), which the section's summary already shows. */
    static String withoutTitle(String markdown) {
        String m = markdown.stripLeading();
        if (m.startsWith("# ")) {
            int end = m.indexOf('\n');
            return end < 0 ? "" : m.substring(end + 1).stripLeading();
        }
        return m;
    }

    /** Nodes by runtime: Docker below kubelet v1.24 is dockershim, from v1.24 on cri-dockerd. */
    static NodeChart nodeChart(List<Report.NodeInfo> nodes) {
        if (nodes.isEmpty()) {
            return new NodeChart(0, List.of(), 0);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String k : List.of("docker (dockershim)", "docker (cri-dockerd)", "containerd", "cri-o")) {
            counts.put(k, 0);
        }
        for (Report.NodeInfo n : nodes) {
            counts.merge(runtimeLabel(n), 1, Integer::sum);
        }
        counts.values().removeIf(v -> v == 0);
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        List<Bar> bars = new ArrayList<>();
        int y = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            int width = Math.max(2, e.getValue() * NodeChart.WIDTH / max);
            bars.add(new Bar(e.getKey(), e.getValue(), cssClass(e.getKey()), y, width,
                    Math.round(e.getValue() * 100f / nodes.size())));
            y += 28;
        }
        return new NodeChart(nodes.size(), List.copyOf(bars), y);
    }

    static String runtimeLabel(Report.NodeInfo n) {
        String runtime = n.containerRuntime() == null || n.containerRuntime().isBlank() ? "unknown"
                : n.containerRuntime().toLowerCase(Locale.ROOT);
        if (!runtime.equals("docker")) {
            return runtime;
        }
        Matcher m = KUBELET.matcher(text(n.kubeletVersion()));
        if (!m.matches()) {
            return "docker";
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major == 1 && minor < 24 ? "docker (dockershim)" : "docker (cri-dockerd)";
    }

    private static String cssClass(String label) {
        if (label.startsWith("docker (dockershim)") || label.equals("docker")) {
            return "rt-dockershim";
        }
        if (label.startsWith("docker")) {
            return "rt-cridockerd";
        }
        return label.equals("containerd") || label.equals("cri-o") ? "rt-cri" : "rt-other";
    }

    private static CoverageView coverage(Report report) {
        Report.Coverage c = report.coverage();
        List<Count> inspected = new ArrayList<>();
        new TreeMap<>(c.inspected()).forEach((k, v) -> inspected.add(new Count(k, v)));
        List<ProblemView> errors = new ArrayList<>();
        for (ScanProblem p : c.errors()) {
            String where = p.file() == null ? "" : p.file() + (p.line() == null ? "" : ":" + p.line()
                    + (p.column() == null ? "" : ":" + p.column()));
            errors.add(new ProblemView(where, p.type() == null ? "" : p.type().label(), text(p.message())));
        }
        List<NodeView> docker = report.nodes().stream()
                .filter(n -> "docker".equals(n.containerRuntime()))
                .sorted(Comparator.comparing((Report.NodeInfo n) -> text(n.cluster())).thenComparing(n -> text(n.name())))
                .map(n -> new NodeView(text(n.name()), text(n.cluster()), runtimeLabel(n), text(n.containerRuntimeVersion()),
                        text(n.kubeletVersion()), text(n.osImage())))
                .toList();
        return new CoverageView(List.copyOf(inspected), List.copyOf(errors), skipped(c.skipped()),
                skipped(c.notChecked()), docker, !report.incomplete());
    }

    private static List<SkippedView> skipped(List<Report.Skipped> list) {
        return list == null ? List.of() : list.stream()
                .map(s -> new SkippedView(text(s.kind()), text(s.namespace()), text(s.reason()))).toList();
    }

    private static List<ClusterView> clusters(Report report) {
        return report.clusters().stream().map(c -> new ClusterView(text(c.name()), text(c.serverVersion()), c.nodes(),
                c.dockershimNodes(), c.criDockerdNodes(), text(c.verdict()))).toList();
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
