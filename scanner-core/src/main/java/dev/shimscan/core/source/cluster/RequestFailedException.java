package dev.shimscan.core.source.cluster;

import java.io.IOException;

/** A GET that failed on the wire (no HTTP status to show), after the tries {@link RetryPolicy} allows. */
public final class RequestFailedException extends IOException {
    private final transient TransportFailure failure;

    public RequestFailedException(String path, TransportFailure failure, int tries, IOException cause) {
        super("GET " + path + ": " + failure.description() + " (after " + tries + (tries == 1 ? " try)" : " tries)"),
                cause);
        this.failure = failure;
    }

    public TransportFailure failure() {
        return failure;
    }
}
