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
@JsonPropertyOrder({"schemaVersion", "tool", "scan", "summary", "findings", "nodes", "coverage"})
public record Report(String schemaVersion, Tool tool, Scan scan, Summary summary, List<Finding> findings,
                     List<NodeInfo> nodes, Coverage coverage) {

    public static final String SCHEMA_VERSION = "1";

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

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "containerRuntime", "containerRuntimeVersion", "kubeletVersion", "osImage",
            "criSocketAnnotation"})
    public record NodeInfo(String name, String containerRuntime, String containerRuntimeVersion,
                           String kubeletVersion, String osImage, String criSocketAnnotation) {
    }

    @JsonPropertyOrder({"inspected", "skipped", "errors"})
    public record Coverage(Map<String, Integer> inspected, List<Skipped> skipped, List<ScanProblem> errors) {
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
