package dev.shimscan.cli.plan;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.report.Report;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The migration from Docker Engine to containerd as shimscan's reports describe it: the workloads to change first
 * (DS1xx, DS2xx, DS7xx findings of manifests and live clusters) and the nodes in groups, each with its node audit
 * when one was read. Built from any mix of cluster, manifest and node ({@code shimscan host}) reports.
 *
 * @param sources         where the reports came from (file names, contexts), for the runbook's header
 * @param clusters        the audited clusters' summaries
 * @param workloads       findings to fix before any node moves, in report order
 * @param groups          node groups in the order they move
 * @param daemonJsonElsewhere DS501/DS502 findings outside node audits (a daemon.json shipped in a ConfigMap)
 * @param incomplete      what the reports say was not read (coverage skipped and errors), as sentences
 */
public record MigrationPlan(List<String> sources, List<Report.ClusterSummary> clusters, List<Finding> workloads,
                            List<NodeGroup> groups, List<Finding> daemonJsonElsewhere, List<String> incomplete) {

    public static MigrationPlan of(List<String> sources, List<Report> reports) {
        List<Report.ClusterSummary> clusters = new ArrayList<>();
        List<Finding> workloads = new ArrayList<>();
        List<Finding> elsewhere = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        Map<String, Report.NodeInfo> nodes = new LinkedHashMap<>();
        Map<String, List<Finding>> hostFindings = new LinkedHashMap<>();
        Map<String, String> hostOs = new LinkedHashMap<>();
        for (Report r : reports) {
            clusters.addAll(r.clusters() == null ? List.of() : r.clusters());
            boolean host = r.scan() != null && r.scan().source() == SourceKind.HOST;
            for (Report.NodeInfo n : r.nodes() == null ? List.<Report.NodeInfo>of() : r.nodes()) {
                if (host || n.containerRuntime() == null && n.kubeletVersion() == null) {
                    hostFindings.computeIfAbsent(n.name(), k -> new ArrayList<>());
                    if (n.osImage() != null) {
                        hostOs.put(n.name(), n.osImage());
                    }
                } else {
                    nodes.put(n.cluster() + "\u0000" + n.name(), n);
                }
            }
            for (Finding f : r.findings()) {
                if (f.suppressed()) {
                    continue;
                }
                if (f.node() != null) {
                    hostFindings.computeIfAbsent(f.node(), k -> new ArrayList<>()).add(f);
                } else if (f.ruleId().startsWith("DS1") || f.ruleId().startsWith("DS2")
                        || f.ruleId().startsWith("DS7")) {
                    workloads.add(f);
                } else if (f.ruleId().equals("DS501") || f.ruleId().equals("DS502")) {
                    elsewhere.add(f);
                }
            }
            if (r.coverage() != null) {
                for (Report.Skipped s : r.coverage().skipped()) {
                    incomplete.add(s.kind() + (s.namespace() == null ? "" : " in namespace " + s.namespace())
                            + " were not read (" + s.reason() + ")");
                }
                r.coverage().errors().forEach(e -> incomplete.add((e.file() == null ? "" : e.file() + ": ")
                        + e.message()));
            }
        }
        Map<String, NodeAudit> audits = new TreeMap<>();
        hostFindings.forEach((name, findings) -> audits.put(name, NodeAudit.of(name, hostOs.get(name), findings)));
        List<PlanNode> planNodes = new ArrayList<>();
        for (Report.NodeInfo n : nodes.values()) {
            planNodes.add(new PlanNode(n, audits.remove(n.name())));
        }
        for (NodeAudit a : audits.values()) {   // audited nodes no cluster report lists
            planNodes.add(new PlanNode(new Report.NodeInfo(a.node(), null, null, null, a.osImage(), null, null), a));
        }
        Map<NodeGroup.Key, List<PlanNode>> grouped = new TreeMap<>(NodeGroup.Key.ORDER);
        for (PlanNode n : planNodes) {
            grouped.computeIfAbsent(n.groupKey(), k -> new ArrayList<>()).add(n);
        }
        List<NodeGroup> groups = new ArrayList<>();
        grouped.forEach((k, v) -> {
            v.sort(Comparator.comparing(PlanNode::name));
            groups.add(new NodeGroup(k, List.copyOf(v)));
        });
        workloads.sort(Comparator.comparing((Finding f) -> Objects.toString(f.cluster(), ""))
                .thenComparing(Finding.ORDER));
        return new MigrationPlan(List.copyOf(sources), List.copyOf(clusters), List.copyOf(workloads),
                List.copyOf(groups), List.copyOf(elsewhere), List.copyOf(incomplete.stream().distinct().toList()));
    }

    /** True when some node had a node audit. */
    public boolean anyNodeAudit() {
        return groups.stream().flatMap(g -> g.nodes().stream()).anyMatch(n -> n.audit() != null);
    }
}
