package dev.shimscan.rules.logging;

import dev.shimscan.core.rule.Keyword;
import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import java.util.Set;

/**
 * DS702: alerting or dashboard config keyed on Docker-specific metrics or messages: PrometheusRule objects (and
 * custom resources of the same {@code spec.groups[].rules[]} shape), Prometheus/Loki rule files, Grafana dashboards
 * and node-problem-detector monitors in ConfigMaps or multi-line fields of other objects. See
 * {@link DockerSignals} for what counts, {@link AlertConfigAnalyzer} for where it is looked for.
 */
public final class DockerMetricOrLogAlertRule implements Rule {
    public static final RuleMeta META = new RuleMeta("DS702", "docker-metric-or-log-alert", Severity.NOTE,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER),
            "Alerting or dashboard config (PrometheusRule, rule files, dashboards, node-problem-detector monitors) "
                    + "is keyed on Docker-specific metrics or messages (engine_daemon_*, dockerd, /docker/ cgroup ids).",
            "Key the alert on what stays after the switch: cAdvisor container_* metrics selected by the container, "
                    + "pod and namespace labels, kubelet_runtime_operations_* metrics, and containerd's unit, process "
                    + "and log messages instead of dockerd's.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /**
     * Keywords: a text is checked only when DockerSignals.mayMatch (docker, engine_daemon_, k8s_; any docker, as a
     * cgroup matcher may hold any text) and it is a rule group, a node-problem-detector monitor or a query
     * (AlertConfigAnalyzer); a node-problem-detector flag names a file starting with docker after
     * {@code log-monitor} or {@code plugin-monitor} (NodeProblemDetectorFlagsCheck; "plugin" is already there).
     */
    @Override
    public Keywords keywords() {
        return Keywords.anyOf(Keyword.of("docker"), Keyword.of("engine_daemon_"), Keyword.of("k8s_")).andAnyOf("groups",
                "plugin", "expr", "alert", "record", "panels", "targets", "query", "rawsql", "log-monitor");
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        for (PlaceHit hit : AlertConfigAnalyzer.analyze(resource)) {
            ctx.report(hit.toHit());
        }
        NodeProblemDetectorFlagsCheck.check(resource, ctx).forEach(ctx::report);
    }
}
