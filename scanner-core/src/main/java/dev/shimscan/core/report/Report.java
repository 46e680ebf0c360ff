package dev.shimscan.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.SourceKind;
import java.util.List;
import java.util.Map;

/**
 * The one report model every format is rendered from. Its JSON form is the contract in
 * {@code shared/REPORT-FORMAT.md}, published as {@code docs/report.schema.json}.
 */
@JsonPropertyOrder({"schemaVersion", "tool", "scan", "summary", "clusters", "findings", "nodes", "coverage"})
public record Report(String schemaVersion, Tool tool, Scan scan, Summary summary, List<Finding> findings,
                     List<NodeInfo> nodes, Coverage coverage,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ClusterSummary> clusters) {

    public static final String SCHEMA_VERSION = "1";

    /** A report without cluster summaries (manifest and host scans). */
    public Report(String schemaVersion, Tool tool, Scan scan, Summary summary, List<Finding> findings,
                  List<NodeInfo> nodes, Coverage coverage) {
        this(schemaVersion, tool, scan, summary, findings, nodes, coverage, List.of());
    }

    @JsonPropertyOrder({"name", "version"})
    public record Tool(String name, String version) {
    }

    /** {@code startedAt} is ISO-8601 UTC. */
    @JsonPropertyOrder({"source", "targets", "startedAt", "durationMs"})
    public record Scan(SourceKind source, List<String> targets, String startedAt, long durationMs) {
    }

    /**
     * @param documentsSkipped documents that are not Kubernetes objects (Helm values files, CI configs, ...)
     */
    @JsonPropertyOrder({"findings", "bySeverity", "byRule", "objectsScanned", "filesScanned", "documentsSkipped"})
    public record Summary(int findings, Map<String, Integer> bySeverity, Map<String, Integer> byRule,
                          int objectsScanned, int filesScanned, int documentsSkipped) {
    }

    /**
     * A node as {@code kubectl get nodes -o wide} shows it; {@code containerRuntime} is the scheme of
     * {@code containerRuntimeVersion} ({@code docker}, {@code containerd}); {@code cluster} is the kubeconfig
     * context it was read through.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "containerRuntime", "containerRuntimeVersion", "kubeletVersion", "osImage",
            "criSocketAnnotation", "cluster"})
    public record NodeInfo(String name, String containerRuntime, String containerRuntimeVersion,
                           String kubeletVersion, String osImage, String criSocketAnnotation, String cluster) {
    }

    /**
     * One audited cluster in a sentence: whether it still runs on dockershim.
     *
     * @param dockershimNodes  nodes on {@code docker://} with a kubelet below v1.24
     * @param criDockerdNodes  nodes on {@code docker://} with a kubelet from v1.24 on (cri-dockerd)
     * @param onDockershim     true when a node still uses dockershim; null when the nodes could not be read
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "serverVersion", "nodes", "dockershimNodes", "criDockerdNodes", "onDockershim",
            "verdict"})
    public record ClusterSummary(String name, String serverVersion, int nodes, int dockershimNodes,
                                 int criDockerdNodes, Boolean onDockershim, String verdict) {
    }

    /**
     * @param notChecked what was deliberately not checked and how to check it (e.g. kubelet configuration
     *                   without {@code --kubelet-config}); unlike {@code skipped} it does not make the scan
     *                   incomplete
     */
    @JsonPropertyOrder({"inspected", "skipped", "notChecked", "errors"})
    public record Coverage(Map<String, Integer> inspected, List<Skipped> skipped, List<ScanProblem> errors,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Skipped> notChecked) {

        public Coverage(Map<String, Integer> inspected, List<Skipped> skipped, List<ScanProblem> errors) {
            this(inspected, skipped, errors, List.of());
        }
    }

    /** A resource type that was not inspected, and why (e.g. {@code forbidden}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"kind", "namespace", "reason"})
    public record Skipped(String kind, String namespace, String reason) {
    }

    /** True when something could not be read or checked. */
    public boolean incomplete() {
        return !coverage.errors().isEmpty() || !coverage.skipped().isEmpty();
    }
}
