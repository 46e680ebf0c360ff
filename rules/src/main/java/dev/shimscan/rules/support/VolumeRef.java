package dev.shimscan.rules.support;

import dev.shimscan.core.tree.NodeRef;
import java.util.Optional;

/**
 * One item of a pod-spec-shaped {@code volumes} list.
 *
 * @param node the volume mapping ({@code spec.template.spec.volumes[2]})
 * @param name its {@code name}
 */
public record VolumeRef(NodeRef node, String name) {

    /** The {@code hostPath.path} node; absent when this is not a hostPath volume. */
    public NodeRef hostPathNode() {
        return node.at("hostPath", "path");
    }

    /** The text of {@code hostPath.path}, when this is a hostPath volume with a textual path. */
    public Optional<String> hostPath() {
        return hostPathNode().text();
    }
}
