package dev.shimscan.rules.node;

import dev.shimscan.core.resource.Resource;

/** What the node rules share: recognising Node objects and naming them. */
final class NodeObjects {
    private NodeObjects() {
    }

    /** A core {@code v1} Node (live, or from a {@code kubectl get nodes -o yaml} dump). */
    static boolean isNode(Resource resource) {
        return "Node".equals(resource.ref().kind()) && "v1".equals(resource.ref().apiVersion());
    }

    static String name(Resource resource) {
        return resource.ref().name() == null ? "(unnamed)" : resource.ref().name();
    }
}
