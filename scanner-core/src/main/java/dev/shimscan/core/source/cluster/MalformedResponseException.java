package dev.shimscan.core.source.cluster;

import java.io.IOException;

/**
 * A 2xx response whose body is not what the API sends (not JSON, not a list): not retried, the server (or a proxy
 * in front of it) would most likely answer the same again.
 */
public final class MalformedResponseException extends IOException {
    public MalformedResponseException(String message) {
        super(message);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
