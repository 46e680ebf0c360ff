package dev.shimscan.core.resource;

/** A live object read through the Kubernetes API of the cluster named by a kubeconfig context. */
public record ClusterOrigin(String cluster) implements Origin {
}
