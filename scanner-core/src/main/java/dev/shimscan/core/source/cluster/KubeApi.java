package dev.shimscan.core.source.cluster;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Read-only access to the Kubernetes API through client-java's {@link ApiClient}: the client brings the
 * kubeconfig's auth (tokens, client certificates, exec plugins) and TLS; this class issues GETs and nothing else,
 * streams the response body to a reader, and retries 429, 5xx and broken connections as the
 * {@link RetryPolicy} says (a timed-out request at most twice; a TLS certificate the kubeconfig does not trust and
 * a malformed body not at all). Failures are described in words ({@link TransportFailure}), never with a header.
 * Requests and credentials are never logged. Safe to use from several threads at once.
 */
public final class KubeApi {
    private static final String[] AUTH = {"BearerToken"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiClient client;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();

    public KubeApi(ApiClient client, RetryPolicy retry, Sleeper sleeper) {
        this.client = client;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    /** Reads a response body. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * GETs {@code path} with {@code query} and hands the body of a 2xx response to {@code reader}.
     *
     * @throws ApiStatusException         for an error status that is not retried, or still failing after retries
     * @throws RequestFailedException     for a connection that keeps failing (or fails so that retrying cannot help)
     * @throws MalformedResponseException for a 2xx body that is not valid JSON (or not what the reader expects)
     */
    public <T> T get(String path, Map<String, String> query, BodyReader<T> reader) throws IOException {
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            Duration delay;
            String failure;
            requests.incrementAndGet();
            try (Response response = call(path, query).execute()) {
                int code = response.code();
                if (code >= 200 && code < 300) {
                    return read(path, response.body(), reader);
                }
                if (code != 429 && code < 500) {
                    throw new ApiStatusException(code, "GET " + path + ": HTTP " + code + statusMessage(response));
                }
                failure = "HTTP " + code;
                delay = retry.delayAfter(attempt, RetryPolicy.parseRetryAfter(response.header("Retry-After")), waited);
                if (delay == null) {
                    throw new ApiStatusException(code, "GET " + path + ": HTTP " + code + " after " + attempt
                            + (attempt == 1 ? " try" : " tries") + statusMessage(response));
                }
            } catch (ApiStatusException | MalformedResponseException e) {
                throw e;
            } catch (IOException e) {
                TransportFailure why = TransportFailure.of(e, requestTimeout());
                failure = why.description();
                delay = !why.retryable() ? null
                        : why.timeout() ? retry.delayAfterTimeout(attempt, waited)
                        : retry.delayAfter(attempt, null, waited);
                if (delay == null) {
                    throw new RequestFailedException(path, why, attempt, e);
                }
            }
            retries.incrementAndGet();
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting to retry GET " + path + " (" + failure + ")");
            }
            waited = waited.plus(delay);
        }
    }

    /** Hands a 2xx body to the reader; a body that is not valid JSON is a {@link MalformedResponseException}. */
    private static <T> T read(String path, ResponseBody body, BodyReader<T> reader) throws IOException {
        try (InputStream in = body.byteStream()) {
            return reader.read(in);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            throw new MalformedResponseException("GET " + path + ": malformed response: not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()), e);
        } catch (MalformedResponseException e) {
            throw new MalformedResponseException("GET " + path + ": malformed response: " + e.getMessage(), e);
        }
    }

    private Duration requestTimeout() {
        return Duration.ofMillis(client.getReadTimeout());
    }

    /** How many HTTP requests were sent, retries included. */
    public int requests() {
        return requests.get();
    }

    public int retries() {
        return retries.get();
    }

    private Call call(String path, Map<String, String> query) throws IOException {
        List<Pair> params = new ArrayList<>();
        query.forEach((k, v) -> {
            if (v != null) {
                params.add(new Pair(k, v));
            }
        });
        Map<String, String> headers = new HashMap<>();
        headers.put("Accept", "application/json");
        try {
            return client.buildCall(null, path, "GET", params, new ArrayList<>(), null, headers, new HashMap<>(),
                    new HashMap<>(), AUTH, null);
        } catch (ApiException e) {
            throw new IOException("cannot build the request for " + path + ": " + e.getMessage(), e);
        }
    }

    /** The Status message of an error response, short, for the report; never a header or a credential. */
    private static String statusMessage(Response response) {
        try {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            String message = text.isBlank() ? "" : JSON.readTree(text).path("message").asText("");
            if (message.isBlank()) {
                return "";
            }
            return " (" + (message.length() > 200 ? message.substring(0, 200) + "..." : message) + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
