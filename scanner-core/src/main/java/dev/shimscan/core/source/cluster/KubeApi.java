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
     * @throws IOException                for a path that is refused ({@link #refusal})
     */
    public <T> T get(String path, Map<String, String> query, BodyReader<T> reader) throws IOException {
        String refusal = refusal(path);
        if (refusal != null) {
            throw new IOException("refused to request " + path + ": " + refusal);
        }
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

    /**
     * Why {@code path} is not requested, or null. Paths are built from names the server hands out (nodes, API groups
     * and versions in discovery), so a broken or hostile server could steer a request elsewhere: a segment
     * {@code ..}, {@code .} or one holding {@code %}, {@code ?}, {@code #} or a backslash (none of which a Kubernetes
     * name may hold) is refused, and so is any request for the resource {@code secrets}, however it was built.
     */
    static String refusal(String path) {
        if (!path.startsWith("/")) {
            return "not an absolute path";
        }
        String[] segments = path.substring(1).split("/", -1);
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..") || s.chars().anyMatch(c -> "%?#\\".indexOf(c) >= 0)) {
                return "the path segment '" + s + "' is not a Kubernetes name";
            }
        }
        // /api/VERSION/... or /apis/GROUP/VERSION/..., then [namespaces/NS/]RESOURCE[/NAME[/SUBRESOURCE...]]
        int rest = segments[0].equals("api") ? 2 : segments[0].equals("apis") ? 3 : segments.length;
        if (rest + 2 < segments.length && segments[rest].equals("namespaces")) {
            rest += 2;
        }
        if (rest < segments.length && segments[rest].equalsIgnoreCase("secrets")) {
            return "shimscan never reads Secrets";
        }
        return null;
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

    /**
     * The Status message of an error response, short, for the report; never a header or a credential: the token the
     * request carried is cut out of it, should the server (or a proxy in front of it) quote the request.
     */
    private static String statusMessage(Response response) {
        try {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            String message = text.isBlank() ? "" : JSON.readTree(text).path("message").asText("");
            message = withoutCredential(message, response.request().header("Authorization"));
            if (message.isBlank()) {
                return "";
            }
            return " (" + (message.length() > 200 ? message.substring(0, 200) + "..." : message) + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** {@code text} with the credential of an {@code Authorization} value (the value, and its token) replaced. */
    static String withoutCredential(String text, String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return text;
        }
        String out = text.replace(authorization, "[credential withheld]");
        int space = authorization.indexOf(' ');
        String credential = space < 0 ? authorization : authorization.substring(space + 1).strip();
        return credential.length() < 4 ? out : out.replace(credential, "[credential withheld]");
    }
}
