package dev.shimscan.rules.support;

import dev.shimscan.core.tree.NodeRef;
import java.util.Optional;

/**
 * One item of a container's {@code volumeMounts}.
 *
 * @param node       the mount mapping ({@code ...containers[0].volumeMounts[1]})
 * @param volumeName the {@code name} of the volume it mounts
 */
public record MountRef(NodeRef node, String volumeName) {

    public Optional<String> mountPath() {
        return node.get("mountPath").text();
    }

    /** The {@code subPath} node (absent when there is none). */
    public NodeRef subPathNode() {
        return node.get("subPath");
    }

    /** The {@code subPathExpr} node (absent when there is none). */
    public NodeRef subPathExprNode() {
        return node.get("subPathExpr");
    }

    /** True when the mount selects a part of the volume with a non-empty {@code subPath} or {@code subPathExpr}. */
    public boolean hasSubPath() {
        return !subPathNode().textOr("").isEmpty() || !subPathExprNode().textOr("").isEmpty();
    }
}
