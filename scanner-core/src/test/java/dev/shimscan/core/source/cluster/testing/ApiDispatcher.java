package dev.shimscan.core.source.cluster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What fabric8's CRUD mode lacks, in front of it: discovery ({@code /api}, {@code /apis}, group versions),
 * {@code /version}, list responses with typed kinds and without item kinds (as a real API server sends them),
 * real {@code limit}/{@code continue} over a snapshot with {@code 410 Gone} for an unknown or expired token,
 * kubelet {@code configz} through the node proxy, per-path fault injection, and a record of every request.
 * Everything else (the store itself) is the CRUD dispatcher's.
 */
public final class ApiDispatcher extends Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the server saw it: method, path with query, Authorization header, bytes of its body. */
    public record Request(String method, String path, String authorization, long bodyBytes) {
    }

    /** A fault: requests whose path contains {@code pathPart} (and, if asked, a continue token) get {@code status}. */
    public static final class Fault {
        final String pathPart;
        final boolean onContinueOnly;
        final int status;
        final Map<String, String> headers;
        final AtomicInteger remaining;
        final boolean expireSnapshot;

        Fault(String pathPart, boolean onContinueOnly, int status, Map<String, String> headers, int times,
              boolean expireSnapshot) {
            this.pathPart = pathPart;
            this.onContinueOnly = onContinueOnly;
            this.status = status;
            this.headers = headers;
            this.remaining = new AtomicInteger(times);
            this.expireSnapshot = expireSnapshot;
        }
    }

    private record Snapshot(String listKind, String apiVersion, List<JsonNode> items) {
    }

    private final KubernetesCrudDispatcher crud;
    private final List<ApiResource> resources;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> configz = new ConcurrentHashMap<>();
    private final AtomicInteger snapshotIds = new AtomicInteger();
    private volatile String gitVersion = "v1.29.2";
    private volatile java.time.Duration latency = java.time.Duration.ZERO;

    public ApiDispatcher(KubernetesCrudDispatcher crud, List<ApiResource> resources) {
        this.crud = crud;
        this.resources = List.copyOf(resources);
    }

    public KubernetesCrudDispatcher crud() {
        return crud;
    }

    public List<Request> requests() {
        return Collections.unmodifiableList(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    public void addFault(Fault fault) {
        faults.add(fault);
    }

    public void clearFaults() {
        faults.clear();
    }

    public void setConfigz(String node, JsonNode kubeletConfig) {
        configz.put(node, kubeletConfig);
    }

    public void setGitVersion(String version) {
        gitVersion = version;
    }

    public int openSnapshots() {
        return snapshots.size();
    }

    /**
     * Holds every answer back for {@code delay} before sending it, as a distant API server would (round trip, etcd
     * read). The wait is a timer, not a blocked thread: requests in flight wait side by side.
     */
    public void setLatency(java.time.Duration delay) {
        latency = delay;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = respond(request);
        java.time.Duration delay = latency;
        return delay.isZero() ? response : response.setBodyDelay(delay);
    }

    private MockResponse respond(RecordedRequest request) {
        String full = request.getPath();
        requests.add(new Request(request.getMethod(), full, request.getHeader("Authorization"),
                request.getBody() == null ? 0 : request.getBody().size()));
        int q = full.indexOf('?');
        String path = q < 0 ? full : full.substring(0, q);
        Map<String, String> query = q < 0 ? Map.of() : parseQuery(full.substring(q + 1));
        for (Fault f : faults) {
            if (path.contains(f.pathPart) && (!f.onContinueOnly || query.containsKey("continue"))
                    && f.remaining.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0) {
                if (f.expireSnapshot) {
                    snapshots.clear();
                    break;
                }
                MockResponse r = status(f.status, "injected fault");
                f.headers.forEach(r::setHeader);
                return r;
            }
        }
        if (!request.getMethod().equals("GET")) {
            return crud.dispatch(request);
        }
        if (path.equals("/version")) {
            return json(200, JSON.createObjectNode().put("major", "1").put("minor", "29")
                    .put("gitVersion", gitVersion).put("platform", "linux/amd64"));
        }
        if (path.equals("/api")) {
            ObjectNode n = JSON.createObjectNode().put("kind", "APIVersions");
            n.putArray("versions").add("v1");
            return json(200, n);
        }
        if (path.equals("/apis")) {
            return json(200, groupList());
        }
        ApiResource listed = null;
        for (ApiResource r : resources) {
            if (path.equals(r.root())) {
                return json(200, resourceList(r.groupVersion()));
            }
            if (path.equals(r.root() + "/" + r.plural())
                    || (r.namespaced() && path.matches(java.util.regex.Pattern.quote(r.root()) + "/namespaces/[^/]+/"
                    + java.util.regex.Pattern.quote(r.plural())))) {
                listed = r;
            }
        }
        if (path.startsWith("/api/v1/nodes/") && path.endsWith("/proxy/configz")) {
            String node = path.substring("/api/v1/nodes/".length(), path.length() - "/proxy/configz".length());
            JsonNode config = configz.get(node);
            if (config == null) {
                return status(404, "nodes \"" + node + "\" not found");
            }
            ObjectNode body = JSON.createObjectNode();
            body.set("kubeletconfig", config);
            return json(200, body);
        }
        if (listed != null) {
            return list(listed, path, query);
        }
        return crud.dispatch(request);
    }

    private MockResponse list(ApiResource type, String path, Map<String, String> query) {
        String token = query.get("continue");
        Snapshot snapshot;
        int offset;
        if (token == null || token.isEmpty()) {
            snapshot = snapshot(type, path);
            if (snapshot == null) {
                return status(500, "cannot list " + path);
            }
            offset = 0;
        } else {
            int colon = token.indexOf(':');
            snapshot = colon < 0 ? null : snapshots.get(token.substring(0, colon));
            if (snapshot == null) {
                return status(410, "The provided continue parameter is too old to display a consistent list "
                        + "result. You can start a new list without the continue parameter.");
            }
            offset = Integer.parseInt(token.substring(colon + 1));
        }
        int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : Integer.MAX_VALUE;
        int end = (int) Math.min((long) offset + limit, snapshot.items().size());
        ObjectNode body = JSON.createObjectNode().put("kind", snapshot.listKind()).put("apiVersion", snapshot.apiVersion());
        ObjectNode meta = body.putObject("metadata").put("resourceVersion", "1");
        ArrayNode items = body.putArray("items");
        for (int i = offset; i < end; i++) {
            items.add(snapshot.items().get(i));
        }
        String id = token == null || token.isEmpty() ? null : token.substring(0, token.indexOf(':'));
        if (end < snapshot.items().size()) {
            if (id == null) {
                id = Integer.toString(snapshotIds.incrementAndGet());
                snapshots.put(id, snapshot);
            }
            meta.put("continue", id + ":" + end);
            meta.put("remainingItemCount", snapshot.items().size() - end);
        } else if (id != null) {
            snapshots.remove(id);
        }
        return json(200, body);
    }

    /**
     * The whole list at this moment, taken from the CRUD store by its attribute keys (the CRUD dispatcher's own
     * list handler parses every stored object for each list, which makes large simulated clusters slow).
     */
    private Snapshot snapshot(ApiResource type, String path) {
        io.fabric8.mockwebserver.crud.AttributeSet query = crud.getAttributeExtractor().fromPath(path);
        List<String> matching = new ArrayList<>();
        synchronized (crud.getMap()) {
            for (Map.Entry<io.fabric8.mockwebserver.crud.AttributeSet, String> e : crud.getMap().entrySet()) {
                if (e.getKey().matches(query)) {
                    matching.add(e.getValue());
                }
            }
        }
        List<JsonNode> items = new ArrayList<>(matching.size());
        try {
            for (String json : matching) {
                ObjectNode item = (ObjectNode) JSON.readTree(json);
                item.remove("apiVersion"); // a real API server leaves them out of list items
                item.remove("kind");
                items.add(item);
            }
        } catch (java.io.IOException e) {
            return null;
        }
        items.sort(java.util.Comparator.comparing((JsonNode i) -> i.path("metadata").path("namespace").asText(""))
                .thenComparing(i -> i.path("metadata").path("name").asText("")));
        return new Snapshot(type.kind() + "List", type.groupVersion(), items);
    }

    private ObjectNode groupList() {
        ObjectNode n = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = n.putArray("groups");
        Map<String, String> seen = new LinkedHashMap<>();
        for (ApiResource r : resources) {
            if (!r.group().isEmpty()) {
                seen.putIfAbsent(r.group(), r.groupVersion());
            }
        }
        seen.forEach((group, gv) -> {
            ObjectNode g = groups.addObject().put("name", group);
            g.putArray("versions").addObject().put("groupVersion", gv).put("version", gv.substring(gv.indexOf('/') + 1));
            g.putObject("preferredVersion").put("groupVersion", gv).put("version", gv.substring(gv.indexOf('/') + 1));
        });
        return n;
    }

    private ObjectNode resourceList(String groupVersion) {
        ObjectNode n = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode list = n.putArray("resources");
        for (ApiResource r : resources) {
            if (r.groupVersion().equals(groupVersion)) {
                ObjectNode e = list.addObject().put("name", r.plural()).put("singularName", "")
                        .put("namespaced", r.namespaced()).put("kind", r.kind());
                ArrayNode verbs = e.putArray("verbs");
                for (String v : List.of("create", "delete", "get", "list", "patch", "update", "watch")) {
                    verbs.add(v);
                }
            }
        }
        return n;
    }

    private static MockResponse json(int code, JsonNode body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(body.toString());
    }

    static MockResponse status(int code, String message) {
        ObjectNode s = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("message", message).put("code", code);
        s.putObject("metadata");
        return json(code, s);
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : query.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
