package dev.shimscan.core.source.cluster;

import java.io.IOException;

/** The API server answered a GET with an error status (after retries, for 429 and 5xx). */
public final class ApiStatusException extends IOException {
    private final int status;

    public ApiStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean forbidden() {
        return status == 403 || status == 401;
    }
}
