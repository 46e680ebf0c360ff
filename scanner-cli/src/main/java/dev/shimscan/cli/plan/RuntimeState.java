package dev.shimscan.cli.plan;

import dev.shimscan.core.report.Report;
import dev.shimscan.core.source.cluster.NodeFacts;

/** Where a node stands, in the order the runbook moves them: dockershim first, containerd last. */
public enum RuntimeState {
    DOCKERSHIM("dockershim (Docker Engine, kubelet below v1.24)"),
    CRI_DOCKERD("cri-dockerd (Docker Engine, kubelet v1.24 or later)"),
    UNKNOWN("runtime unknown"),
    CONTAINERD("containerd"),
    OTHER("another CRI runtime");

    private final String label;

    RuntimeState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True for the states whose nodes still run Docker Engine or may. */
    public boolean needsMigration() {
        return this == DOCKERSHIM || this == CRI_DOCKERD || this == UNKNOWN;
    }

    public static RuntimeState of(Report.NodeInfo node) {
        String runtime = node.containerRuntime();
        if (runtime == null) {
            return UNKNOWN;
        }
        if (runtime.equals("docker")) {
            return NodeFacts.kubeletHasDockershim(node.kubeletVersion()) ? DOCKERSHIM : CRI_DOCKERD;
        }
        return runtime.equals("containerd") ? CONTAINERD : OTHER;
    }
}
