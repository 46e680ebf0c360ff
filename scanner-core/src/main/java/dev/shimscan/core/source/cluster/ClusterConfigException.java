package dev.shimscan.core.source.cluster;

/** The connection cannot be set up: no kubeconfig, an unknown context, an unreadable file. A usage error. */
public final class ClusterConfigException extends Exception {
    public ClusterConfigException(String message) {
        super(message);
    }

    public ClusterConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
