package dev.shimscan.cli.plan;

import dev.shimscan.core.report.Report;

/**
 * One node of the runbook: what the cluster audit saw, and its node audit when one was read (else null).
 */
public record PlanNode(Report.NodeInfo info, NodeAudit audit) {

    public String name() {
        return info.name();
    }

    public RuntimeState state() {
        return RuntimeState.of(info);
    }

    public String osImage() {
        return info.osImage() != null ? info.osImage() : audit != null ? audit.osImage() : null;
    }

    public OsFamily os() {
        return OsFamily.of(osImage());
    }

    /** The group this node moves with: cluster, runtime state, kubelet version, OS image. */
    public NodeGroup.Key groupKey() {
        return new NodeGroup.Key(info.cluster(), state(), info.kubeletVersion(), osImage());
    }
}
