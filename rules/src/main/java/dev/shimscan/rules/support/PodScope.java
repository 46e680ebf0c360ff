package dev.shimscan.rules.support;

import dev.shimscan.core.tree.NodeRef;
import java.util.List;

/**
 * A mapping that holds a pod-spec-shaped {@code volumes} list (a pod spec, an Argo Workflow or Tekton Task
 * spec, ...), with the container-shaped mappings inside it that can mount those volumes.
 *
 * @param node       the mapping holding {@code volumes}
 * @param volumes    its volumes, in order
 * @param containers container-shaped mappings anywhere below {@code node}, in document order
 */
public record PodScope(NodeRef node, List<VolumeRef> volumes, List<ContainerRef> containers) {
    public PodScope {
        volumes = List.copyOf(volumes);
        containers = List.copyOf(containers);
    }
}
