package dev.shimscan.rules.node;

import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.tree.NodeRef;
import java.util.Set;

/**
 * DS401: a Node whose container runtime is Docker Engine ({@code docker://...}). Below kubelet v1.24 that is the
 * built-in dockershim (error); from v1.24 on it can only be cri-dockerd (warning). Live nodes and Node objects of
 * a {@code kubectl get nodes -o yaml} dump are checked alike.
 */
public final class NodeDockerRuntimeRule implements Rule {
    public static final RuleMeta META = new RuleMeta("DS401", "node-docker-runtime", Severity.ERROR,
            Set.of(SourceKind.CLUSTER, SourceKind.MANIFEST),
            "A Node runs Docker Engine as its container runtime (status.nodeInfo.containerRuntimeVersion "
                    + "docker://...): dockershim with a kubelet below v1.24, cri-dockerd from v1.24 on.",
            "Drain the node, switch it to containerd or CRI-O (kubelet --container-runtime-endpoint="
                    + "unix:///run/containerd/containerd.sock), and uncordon it; or, to keep Docker Engine past "
                    + "v1.24, install cri-dockerd and point the kubelet at unix:///run/cri-dockerd.sock first.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: the runtime version starts with docker://. */
    @Override
    public Keywords keywords() {
        return Keywords.anyOf("docker://");
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        if (!NodeObjects.isNode(resource)) {
            return;
        }
        NodeRef info = resource.root().at("status", "nodeInfo");
        NodeRef runtime = info.get("containerRuntimeVersion");
        String version = runtime.textOr("");
        if (!version.startsWith("docker://")) {
            return;
        }
        String node = NodeObjects.name(resource);
        String kubelet = info.get("kubeletVersion").textOr("");
        KubeletVersion parsed = KubeletVersion.parse(kubelet);
        if (parsed == null) {
            ctx.report(Hit.at(runtime, "node '" + node + "' runs Docker Engine (" + version + ") and its kubelet "
                    + "version is unknown: below v1.24 this is dockershim, which the v1.24 upgrade removes")
                    .withEvidence(version));
        } else if (parsed.hasDockershim()) {
            ctx.report(Hit.at(runtime, "node '" + node + "' runs Docker Engine (" + version + ") through dockershim "
                    + "(kubelet " + kubelet + "): upgrading the kubelet to v1.24 or later removes dockershim and "
                    + "the node stops running pods").withEvidence(version));
        } else {
            ctx.report(Hit.at(runtime, "node '" + node + "' runs Docker Engine (" + version + ") through cri-dockerd "
                    + "(kubelet " + kubelet + "): it works, but Docker Engine stays the runtime and cri-dockerd is "
                    + "one more component to maintain").withEvidence(version).withSeverity(Severity.WARNING)
                    .withRemediation("Plan the move to containerd or CRI-O (drain, switch the kubelet's "
                            + "--container-runtime-endpoint, uncordon); until then keep cri-dockerd updated "
                            + "together with the kubelet."));
        }
    }
}
