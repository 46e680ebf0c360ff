package dev.shimscan.rules.command;

import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.rules.support.ContainerMount;
import dev.shimscan.rules.support.ContainerRef;
import dev.shimscan.rules.support.DockerInDocker;
import dev.shimscan.rules.support.PathNormalizer;
import dev.shimscan.rules.support.PodScope;
import dev.shimscan.rules.support.PodSpecs;
import dev.shimscan.rules.support.VolumeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the command rules need to know about a container's pod: its PID namespace and its hostPath mounts. */
final class PodFacts {
    private PodFacts() {
    }

    /**
     * A container path that lies on a hostPath mount.
     *
     * @param volume   the hostPath volume
     * @param nodePath the path on the node: the volume's host path (plus the mount's {@code subPath}) plus the rest
     */
    record OnNode(VolumeRef volume, String nodePath) {
    }

    /** The hostPath mount of {@code container} that holds {@code path} (the longest mount path wins). */
    static Optional<OnNode> hostPathHolding(PodSpecs specs, ContainerRef container, String path) {
        String p = PathNormalizer.normalize(path);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        ContainerMount best = null;
        VolumeRef volume = null;
        String bestMountPath = "";
        for (PodScope scope : specs.scopes()) {
            for (VolumeRef v : scope.volumes()) {
                for (ContainerMount cm : specs.mountsOf(scope, v)) {
                    if (!cm.container().node().path().equals(container.node().path())) {
                        continue;
                    }
                    String mp = PathNormalizer.normalize(cm.mount().mountPath().orElse(""));
                    if (!mp.isEmpty() && PathNormalizer.isAtOrUnder(p, mp) && mp.length() > bestMountPath.length()) {
                        best = cm;
                        volume = v;
                        bestMountPath = mp;
                    }
                }
            }
        }
        if (best == null || volume.hostPath().isEmpty()) {
            return Optional.empty();
        }
        String base = PathNormalizer.resolve(volume.hostPath().get(), best.mount().subPathNode().textOr(""));
        String rest = bestMountPath.equals("/") ? p : p.substring(bestMountPath.length());
        return Optional.of(new OnNode(volume, PathNormalizer.normalize(base + rest)));
    }

    /** True when the pod of {@code container} shares the node's PID namespace ({@code hostPID: true}). */
    static boolean hostPid(NodeRef root, ContainerRef container) {
        return find(root, DockerInDocker.podPath(container))
                .map(pod -> pod.get("hostPID").node().asBoolean(false)).orElse(false);
    }

    /** The node at {@code path} below {@code node}. */
    private static Optional<NodeRef> find(NodeRef node, String path) {
        if (node.path().equals(path)) {
            return Optional.of(node);
        }
        List<NodeRef> children = new ArrayList<>();
        node.fields().forEach(f -> children.add(f.value()));
        children.addAll(node.elements());
        for (NodeRef child : children) {
            String p = child.path();
            if (path.startsWith(p + ".") || path.startsWith(p + "[") || path.equals(p)) {
                return find(child, path);
            }
        }
        return Optional.empty();
    }
}
