package dev.shimscan.core.testing;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Location;
import dev.shimscan.core.model.ObjectRef;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.report.Report;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hand-made reports for renderer tests (shared through scanner-core's test-jar): findings from files and from
 * clusters, and reports whose summary counts agree with their findings, as {@code ReportBuilder} would write them.
 */
public final class TestReports {
    public static final String STARTED_AT = "2026-01-01T00:00:00Z";

    private TestReports() {
    }

    public static ObjectRef object(String kind, String namespace, String name) {
        String api = switch (kind) {
            case "Deployment", "DaemonSet", "StatefulSet", "ReplicaSet" -> "apps/v1";
            case "CronJob", "Job" -> "batch/v1";
            default -> "v1";
        };
        return new ObjectRef(api, kind, namespace, name);
    }

    /** A finding read from a file, with a fingerprint derived from rule, object and path as the engine's is. */
    public static Finding inFile(String ruleId, Severity severity, String message, ObjectRef object, String file,
                                 int line, int column) {
        String path = "spec.template.spec.volumes[0].hostPath.path";
        return new Finding(ruleId, severity, message, object, new Location(file, line, column, 0), path, "agent",
                "/var/run/docker.sock", "Use the CRI socket.", null, null, null,
                fingerprint(ruleId, object, path, file), false);
    }

    /** A finding on a live object of a cluster. */
    public static Finding inCluster(String ruleId, Severity severity, String message, ObjectRef object,
                                    String cluster, int podCount) {
        String path = "spec.template.spec.volumes[0].hostPath.path";
        return new Finding(ruleId, severity, message, object, null, path, "agent", "/var/run/docker.sock",
                "Use the CRI socket.", cluster, null, podCount, fingerprint(ruleId, object, path, cluster), false);
    }

    public static Finding suppressed(Finding f) {
        return new Finding(f.ruleId(), f.severity(), f.message(), f.object(), f.location(), f.path(), f.container(),
                f.evidence(), f.remediation(), f.cluster(), f.owner(), f.podCount(), f.fingerprint(), true);
    }

    /** A manifest scan's report over {@code findings}, with {@code byRule} counting zero for {@code rulesRun}. */
    public static Report manifests(List<Finding> findings, List<ScanProblem> problems, List<String> rulesRun) {
        return report(SourceKind.MANIFEST, List.of("k8s/"), findings, problems, rulesRun, List.of(), List.of(), 7, 3);
    }

    /** A one-cluster audit: its findings, its nodes and its verdict. */
    public static Report cluster(String name, List<Finding> findings, List<Report.NodeInfo> nodes,
                                 List<String> rulesRun) {
        int dockershim = (int) nodes.stream().filter(n -> "docker".equals(n.containerRuntime())).count();
        Report.ClusterSummary summary = new Report.ClusterSummary(name, "v1.23.17", nodes.size(), dockershim, 0,
                dockershim > 0, dockershim > 0 ? name + " still runs dockershim on " + dockershim + " of "
                        + nodes.size() + " nodes" : name + " no longer uses dockershim");
        return report(SourceKind.CLUSTER, List.of(name), findings, List.of(), rulesRun, nodes, List.of(summary),
                findings.size() + 10, 0);
    }

    public static Report.NodeInfo node(String cluster, String name, String runtime, String kubelet) {
        return new Report.NodeInfo(name, runtime, runtime + "://1.0.0", kubelet, "Ubuntu 22.04.4 LTS", null, cluster);
    }

    private static Report report(SourceKind source, List<String> targets, List<Finding> findings,
                                 List<ScanProblem> problems, List<String> rulesRun, List<Report.NodeInfo> nodes,
                                 List<Report.ClusterSummary> clusters, int objects, int files) {
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.label(), 0);
        }
        Map<String, Integer> byRule = new TreeMap<>();
        rulesRun.forEach(r -> byRule.put(r, 0));
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Finding.ORDER);
        for (Finding f : sorted) {
            bySeverity.merge(f.severity().label(), 1, Integer::sum);
            byRule.merge(f.ruleId(), 1, Integer::sum);
        }
        Map<String, Integer> inspected = new TreeMap<>();
        inspected.put("DaemonSet", objects);
        return new Report(Report.SCHEMA_VERSION, new Report.Tool("shimscan", "0.1.0"),
                new Report.Scan(source, targets, STARTED_AT, 1234),
                new Report.Summary(sorted.size(), bySeverity, byRule, objects, files, 0), List.copyOf(sorted),
                List.copyOf(nodes), new Report.Coverage(inspected, List.of(), List.copyOf(problems)),
                List.copyOf(clusters));
    }

    private static String fingerprint(String ruleId, ObjectRef object, String path, String where) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((ruleId + "|" + object.display() + "|" + path + "|"
                    + where).getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                sb.append(String.format("%02x", d[i]));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
