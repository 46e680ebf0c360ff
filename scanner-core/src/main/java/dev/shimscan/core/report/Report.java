package dev.shimscan.core.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
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
@JsonPropertyOrder({"schemaVersion", "tool", "scan", "summary", "clusters", "findings", "fixed",
        "expiredSuppressions", "nodes", "coverage"})
public record Report(String schemaVersion, Tool tool, Scan scan, Summary summary, List<Finding> findings,
                     List<NodeInfo> nodes, Coverage coverage,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ClusterSummary> clusters,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Finding> fixed,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ExpiredSuppression> expiredSuppressions) {

    public static final String SCHEMA_VERSION = "1";

    /**
     * @param fixed               with {@code --baseline}: the baseline's findings that are gone
     * @param expiredSuppressions suppression entries of {@code .shimscan.yaml} past their {@code expires} date
     */
    public Report {
        clusters = clusters == null ? List.of() : clusters;
        fixed = fixed == null ? List.of() : fixed;
        expiredSuppressions = expiredSuppressions == null ? List.of() : expiredSuppressions;
    }

    /** A report without a baseline comparison or expired suppressions. */
    public Report(String schemaVersion, Tool tool, Scan scan, Summary summary, List<Finding> findings,
                  List<NodeInfo> nodes, Coverage coverage, List<ClusterSummary> clusters) {
        this(schemaVersion, tool, scan, summary, findings, nodes, coverage, clusters, List.of(), List.of());
    }

    /** The same report with other findings and summary (policies, baselines). */
    public Report withFindings(Summary newSummary, List<Finding> newFindings, List<Finding> newFixed,
                               List<ExpiredSuppression> expired) {
        return new Report(schemaVersion, tool, scan, newSummary, newFindings, nodes, coverage, clusters, newFixed,
                expired);
    }

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
     * @param findings         findings that are not suppressed; {@code bySeverity} and {@code byRule} count these
     * @param documentsSkipped documents that are not Kubernetes objects (Helm values files, CI configs, ...)
     * @param suppressed       suppressed findings (still in {@code findings} of the report), written when not 0
     * @param baseline         the comparison with {@code --baseline}, or null
     */
    @JsonPropertyOrder({"findings", "bySeverity", "byRule", "objectsScanned", "filesScanned", "documentsSkipped",
            "suppressed", "baseline"})
    public record Summary(int findings, Map<String, Integer> bySeverity, Map<String, Integer> byRule,
                          int objectsScanned, int filesScanned, int documentsSkipped,
                          @JsonInclude(JsonInclude.Include.NON_DEFAULT) int suppressed,
                          @JsonInclude(JsonInclude.Include.NON_NULL) BaselineSummary baseline) {

        /** Reads a saved summary: reports written before {@code suppressed} existed (or with 0) omit it. */
        @JsonCreator
        static Summary read(@JsonProperty("findings") int findings,
                            @JsonProperty("bySeverity") Map<String, Integer> bySeverity,
                            @JsonProperty("byRule") Map<String, Integer> byRule,
                            @JsonProperty("objectsScanned") int objectsScanned,
                            @JsonProperty("filesScanned") int filesScanned,
                            @JsonProperty("documentsSkipped") int documentsSkipped,
                            @JsonProperty("suppressed") Integer suppressed,
                            @JsonProperty("baseline") BaselineSummary baseline) {
            return new Summary(findings, bySeverity, byRule, objectsScanned, filesScanned, documentsSkipped,
                    suppressed == null ? 0 : suppressed, baseline);
        }

        /** A summary without suppressed findings or a baseline. */
        public Summary(int findings, Map<String, Integer> bySeverity, Map<String, Integer> byRule,
                       int objectsScanned, int filesScanned, int documentsSkipped) {
            this(findings, bySeverity, byRule, objectsScanned, filesScanned, documentsSkipped, 0, null);
        }
    }

    /**
     * How the findings compare with the baseline file: {@code new} ones (only these fail the run), {@code existing}
     * ones, and baseline findings that are gone ({@code fixed}, listed in the report's {@code fixed}).
     */
    @JsonPropertyOrder({"file", "new", "existing", "fixed"})
    public record BaselineSummary(String file, @JsonProperty("new") int newFindings, int existing, int fixed) {
    }

    /**
     * A suppression entry of {@code .shimscan.yaml} whose {@code expires} date has passed: it no longer suppresses.
     *
     * @param origin   where it is written ({@code .shimscan.yaml:14})
     * @param rule     its {@code rule} as written
     * @param matching how many findings it would still suppress
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"origin", "rule", "reason", "expires", "matching"})
    public record ExpiredSuppression(String origin, String rule, String reason, String expires, int matching) {
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
     * @param filesNotParsed files read but not parsed because their text holds no keyword of an enabled rule
     *                   (counted in {@code summary.filesScanned}; their objects are not in {@code inspected});
     *                   written when not 0
     */
    @JsonPropertyOrder({"inspected", "skipped", "notChecked", "errors", "filesNotParsed"})
    public record Coverage(Map<String, Integer> inspected, List<Skipped> skipped, List<ScanProblem> errors,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Skipped> notChecked,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) int filesNotParsed) {

        public Coverage(Map<String, Integer> inspected, List<Skipped> skipped, List<ScanProblem> errors,
                        List<Skipped> notChecked) {
            this(inspected, skipped, errors, notChecked, 0);
        }

        /** Reads a saved coverage: reports without files left unparsed omit {@code filesNotParsed}. */
        @JsonCreator
        static Coverage read(@JsonProperty("inspected") Map<String, Integer> inspected,
                             @JsonProperty("skipped") List<Skipped> skipped,
                             @JsonProperty("errors") List<ScanProblem> errors,
                             @JsonProperty("notChecked") List<Skipped> notChecked,
                             @JsonProperty("filesNotParsed") Integer filesNotParsed) {
            return new Coverage(inspected, skipped, errors, notChecked, filesNotParsed == null ? 0 : filesNotParsed);
        }

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
