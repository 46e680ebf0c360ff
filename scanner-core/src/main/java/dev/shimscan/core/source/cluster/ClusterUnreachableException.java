package dev.shimscan.core.source.cluster;

/** No cluster of the run could be reached (or each refused the credentials): there is nothing to report. */
public final class ClusterUnreachableException extends Exception {
    public ClusterUnreachableException(String message) {
        super(message);
    }
}
