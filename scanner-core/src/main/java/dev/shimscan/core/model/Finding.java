package dev.shimscan.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;

/**
 * One Docker Engine dependency, as every report format shows it. See {@code shared/REPORT-FORMAT.md}.
 *
 * @param path        where the evidence sits inside the object ({@code spec.template.spec.volumes[1].hostPath.path})
 * @param location    file position, for findings read from files; null for live cluster objects
 * @param cluster     the kubeconfig context a live finding came from
 * @param owner       the top-level workload that owns the object, for live clusters
 * @param podCount    how many live pods share the finding
 * @param fingerprint stable identity: rule + object identity + path (+ evidence), never line numbers
 * @param node        the node a host file finding was read on ({@code shimscan host --node-name}); null otherwise
 * @param suppression why the finding is suppressed, when {@code suppressed}; null otherwise
 * @param baseline    how the finding compares with {@code --baseline}; null without a baseline
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ruleId", "severity", "message", "object", "location", "path", "container", "evidence",
        "remediation", "cluster", "node", "owner", "podCount", "fingerprint", "suppressed",
        "suppression", "baseline"})
public record Finding(
        String ruleId,
        Severity severity,
        String message,
        ObjectRef object,
        Location location,
        String path,
        String container,
        String evidence,
        String remediation,
        String cluster,
        ObjectRef owner,
        Integer podCount,
        String fingerprint,
        boolean suppressed,
        String node,
        Suppression suppression,
        BaselineStatus baseline) {

    /** A finding that is not tied to a node (manifests, live clusters). */
    public Finding(String ruleId, Severity severity, String message, ObjectRef object, Location location, String path,
                   String container, String evidence, String remediation, String cluster, ObjectRef owner,
                   Integer podCount, String fingerprint, boolean suppressed) {
        this(ruleId, severity, message, object, location, path, container, evidence, remediation, cluster, owner,
                podCount, fingerprint, suppressed, null, null, null);
    }

    /** A finding without a suppression reason or a baseline comparison. */
    public Finding(String ruleId, Severity severity, String message, ObjectRef object, Location location, String path,
                   String container, String evidence, String remediation, String cluster, ObjectRef owner,
                   Integer podCount, String fingerprint, boolean suppressed, String node) {
        this(ruleId, severity, message, object, location, path, container, evidence, remediation, cluster, owner,
                podCount, fingerprint, suppressed, node, null, null);
    }

    /** The same finding, read on node {@code name}. */
    public Finding withNode(String name) {
        return new Finding(ruleId, severity, message, object, location, path, container, evidence, remediation,
                cluster, owner, podCount, fingerprint, suppressed, name, suppression, baseline);
    }

    /** The same finding, suppressed for {@code why}. */
    public Finding withSuppression(Suppression why) {
        return new Finding(ruleId, severity, message, object, location, path, container, evidence, remediation,
                cluster, owner, podCount, fingerprint, true, node, why, baseline);
    }

    /** The same finding with another severity ({@code severity:} overrides of {@code .shimscan.yaml}). */
    public Finding withSeverity(Severity s) {
        return new Finding(ruleId, s, message, object, location, path, container, evidence, remediation,
                cluster, owner, podCount, fingerprint, suppressed, node, suppression, baseline);
    }

    /** The same finding, compared with a baseline. */
    public Finding withBaseline(BaselineStatus status) {
        return new Finding(ruleId, severity, message, object, location, path, container, evidence, remediation,
                cluster, owner, podCount, fingerprint, suppressed, node, suppression, status);
    }

    /**
     * True when the finding can fail the run ({@code --fail-on}): it is not suppressed, and not already in the
     * baseline.
     */
    public boolean canFailRun() {
        return !suppressed && baseline != BaselineStatus.EXISTING && baseline != BaselineStatus.FIXED;
    }

    /** The report order: file, line, column, rule, message, then object identity and path. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.location() == null ? "" : f.location().file())
            .thenComparingInt(f -> f.location() == null ? 0 : f.location().line())
            .thenComparingInt(f -> f.location() == null ? 0 : f.location().column())
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::message)
            .thenComparing(Finding::object, Comparator.nullsFirst(ObjectRef.ORDER))
            .thenComparing(f -> f.path() == null ? "" : f.path())
            .thenComparing(f -> f.cluster() == null ? "" : f.cluster())
            .thenComparing(f -> f.node() == null ? "" : f.node());
}
