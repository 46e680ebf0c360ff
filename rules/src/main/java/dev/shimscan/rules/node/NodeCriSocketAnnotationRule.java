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
 * DS402: a Node whose {@code kubeadm.alpha.kubernetes.io/cri-socket} annotation still names
 * {@code dockershim.sock}, or names a socket path without the {@code unix://} scheme. kubeadm reads it on
 * {@code upgrade} and {@code join}.
 */
public final class NodeCriSocketAnnotationRule implements Rule {
    public static final String ANNOTATION = "kubeadm.alpha.kubernetes.io/cri-socket";
    public static final RuleMeta META = new RuleMeta("DS402", "node-cri-socket-annotation", Severity.WARNING,
            Set.of(SourceKind.CLUSTER, SourceKind.MANIFEST),
            "A Node's kubeadm.alpha.kubernetes.io/cri-socket annotation names dockershim.sock, or a CRI socket "
                    + "path without the unix:// scheme.",
            "Set the annotation to the socket the node really uses, with its scheme: kubectl annotate node NAME "
                    + "--overwrite kubeadm.alpha.kubernetes.io/cri-socket=unix:///run/containerd/containerd.sock "
                    + "(kubeadm upgrade reads it).");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: it reads the annotation kubeadm.alpha.kubernetes.io/cri-socket. */
    @Override
    public Keywords keywords() {
        return Keywords.anyOf("cri-socket");
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        if (!NodeObjects.isNode(resource)) {
            return;
        }
        NodeRef annotation = resource.root().at("metadata", "annotations").get(ANNOTATION);
        String value = annotation.textOr("").trim();
        if (value.isEmpty()) {
            return;
        }
        String node = NodeObjects.name(resource);
        if (value.contains("dockershim.sock")) {
            ctx.report(Hit.at(annotation, "node '" + node + "' has " + ANNOTATION + "=" + value + ": dockershim "
                    + "is gone from kubelet v1.24, and kubeadm upgrade or join uses this socket").withEvidence(value));
        } else if (value.startsWith("/")) {
            ctx.report(Hit.at(annotation, "node '" + node + "' has " + ANNOTATION + "=" + value + " without the "
                    + "unix:// scheme: kubeadm from v1.24 expects unix://" + value).withEvidence(value)
                    .withRemediation("Add the scheme: kubectl annotate node " + node + " --overwrite " + ANNOTATION
                            + "=unix://" + value));
        }
    }
}
