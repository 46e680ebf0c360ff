package dev.shimscan.core.source.cluster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes API server on 127.0.0.1 over HTTPS for tests and benchmarks: fabric8's
 * {@link KubernetesMockServer} in CRUD mode behind an {@link ApiDispatcher} (discovery, {@code /version}, typed
 * lists, real paging, faults, a request log). Objects are loaded straight into the store.
 */
public final class TestApiServer implements AutoCloseable {
    public static final String TOKEN = "shimscan-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Every type the server serves: the built-in ones the audit reads, Secrets, and a few custom resources. */
    public static final List<ApiResource> RESOURCES = List.of(
            new ApiResource("", "v1", "nodes", "Node", false),
            new ApiResource("", "v1", "pods", "Pod", true),
            new ApiResource("", "v1", "configmaps", "ConfigMap", true),
            new ApiResource("", "v1", "secrets", "Secret", true),
            new ApiResource("", "v1", "replicationcontrollers", "ReplicationController", true),
            new ApiResource("", "v1", "podtemplates", "PodTemplate", true),
            new ApiResource("", "v1", "namespaces", "Namespace", false),
            new ApiResource("apps", "v1", "deployments", "Deployment", true),
            new ApiResource("apps", "v1", "replicasets", "ReplicaSet", true),
            new ApiResource("apps", "v1", "statefulsets", "StatefulSet", true),
            new ApiResource("apps", "v1", "daemonsets", "DaemonSet", true),
            new ApiResource("batch", "v1", "jobs", "Job", true),
            new ApiResource("batch", "v1", "cronjobs", "CronJob", true),
            new ApiResource("argoproj.io", "v1alpha1", "workflows", "Workflow", true),
            new ApiResource("argoproj.io", "v1alpha1", "rollouts", "Rollout", true),
            new ApiResource("tekton.dev", "v1", "tasks", "Task", true),
            new ApiResource("monitoring.coreos.com", "v1", "prometheusrules", "PrometheusRule", true),
            new ApiResource("example.com", "v1", "widgets", "Widget", true));

    private final KubernetesMockServer server;
    private final ApiDispatcher dispatcher;

    private TestApiServer(KubernetesMockServer server, ApiDispatcher dispatcher) {
        this.server = server;
        this.dispatcher = dispatcher;
    }

    /** Starts a server on 127.0.0.1, on a free port ({@code port} 0) or the one given. */
    public static TestApiServer start(int port) throws IOException {
        List<CustomResourceDefinitionContext> crds = new ArrayList<>();
        for (ApiResource r : RESOURCES) {
            if (r.group().contains(".")) {
                crds.add(new CustomResourceDefinitionContext.Builder().withGroup(r.group()).withVersion(r.version())
                        .withPlural(r.plural()).withKind(r.kind()).withScope(r.namespaced() ? "Namespaced" : "Cluster")
                        .build());
            }
        }
        KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher(crds);
        ApiDispatcher dispatcher = new ApiDispatcher(crud, RESOURCES);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                dispatcher, true);
        server.init(InetAddress.getByName("127.0.0.1"), port);
        return new TestApiServer(server, dispatcher);
    }

    public ApiDispatcher dispatcher() {
        return dispatcher;
    }

    /** {@code https://localhost:PORT} (the self-signed certificate is for {@code localhost}). */
    public String url() {
        return "https://localhost:" + server.getPort();
    }

    public int port() {
        return server.getPort();
    }

    /** The PEM of the server's self-signed certificate, to trust in a kubeconfig. */
    public Path certificate() {
        return Path.of(server.getSelfSignedCertificate().certificatePath());
    }

    /** The PEM of the private key of that certificate, for another test server to present the same certificate. */
    public Path privateKey() {
        return Path.of(server.getSelfSignedCertificate().privateKeyPath());
    }

    /**
     * Writes a kubeconfig with one context per name, all pointing at this server, TLS verified against its
     * certificate, bearer-token auth; the first is the current context.
     */
    public Path writeKubeconfig(Path file, String... contexts) throws IOException {
        StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: Config\n");
        sb.append("current-context: ").append(contexts[0]).append('\n');
        sb.append("clusters:\n");
        for (String c : contexts) {
            sb.append("- name: ").append(c).append("-cluster\n  cluster:\n    server: ").append(url())
                    .append("\n    certificate-authority: ").append(certificate()).append('\n');
        }
        sb.append("users:\n- name: auditor\n  user:\n    token: ").append(TOKEN).append('\n');
        sb.append("contexts:\n");
        for (String c : contexts) {
            sb.append("- name: ").append(c).append("\n  context:\n    cluster: ").append(c)
                    .append("-cluster\n    user: auditor\n");
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** Loads every object of a multi-document YAML (or {@code List}) text into the store. */
    public void loadYaml(String yaml) throws IOException {
        for (JsonNode doc : YAML.readValues(YAML.createParser(yaml), JsonNode.class).readAll()) {
            if (doc == null || doc.isNull()) {
                continue;
            }
            if (doc.path("kind").asText("").endsWith("List") && doc.path("items").isArray()) {
                for (JsonNode item : doc.path("items")) {
                    load(item);
                }
            } else {
                load(doc);
            }
        }
    }

    /**
     * Writes one object straight into the CRUD store (no HTTP round trip, not recorded as a request), keeping its
     * {@code uid} (so owner references written with uids resolve) or giving it one.
     */
    public void load(JsonNode object) {
        String path = collectionPath(object); // fails for a type the server does not serve
        com.fasterxml.jackson.databind.node.ObjectNode copy = (com.fasterxml.jackson.databind.node.ObjectNode) object.deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode meta = copy.with("metadata");
        if (!meta.hasNonNull("uid")) {
            meta.put("uid", java.util.UUID.nameUUIDFromBytes((object.path("kind").asText() + "/"
                    + meta.path("namespace").asText() + "/" + meta.path("name").asText())
                    .getBytes(StandardCharsets.UTF_8)).toString());
        }
        meta.put("resourceVersion", Long.toString(resourceVersions.incrementAndGet()));
        meta.put("creationTimestamp", "2026-01-01T00:00:00Z");
        if (!meta.hasNonNull("namespace") && namespaced(object)) {
            meta.put("namespace", "default");
        }
        String json = copy.toString();
        // the key the CRUD dispatcher's own POST handler would store it under: the object's attributes + its path's
        io.fabric8.mockwebserver.crud.AttributeExtractor attributes = dispatcher.crud().getAttributeExtractor();
        dispatcher.crud().getMap().put(io.fabric8.mockwebserver.crud.AttributeSet.merge(attributes.fromResource(json),
                attributes.fromPath(path)), json);
    }

    private final java.util.concurrent.atomic.AtomicLong resourceVersions = new java.util.concurrent.atomic.AtomicLong(1000);

    private static boolean namespaced(JsonNode object) {
        for (ApiResource r : RESOURCES) {
            if (r.groupVersion().equals(object.path("apiVersion").asText()) && r.kind().equals(object.path("kind").asText())) {
                return r.namespaced();
            }
        }
        return false;
    }

    /** Every object of the store, as {@code kubectl get ... -o yaml} of all readable kinds would show them. */
    public List<JsonNode> dump(List<String> kinds) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (ApiResource r : RESOURCES) {
            if (!kinds.contains(r.kind())) {
                continue;
            }
            MockResponse all = dispatcher.crud().handleGet(r.root() + "/" + r.plural());
            for (JsonNode item : JSON.readTree(all.getBody().readByteArray()).path("items")) {
                out.add(item);
            }
        }
        return out;
    }

    private static String collectionPath(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        String ns = object.path("metadata").path("namespace").asText("");
        for (ApiResource r : RESOURCES) {
            if (r.groupVersion().equals(apiVersion) && r.kind().equals(kind)) {
                return r.root() + (r.namespaced() ? "/namespaces/" + (ns.isEmpty() ? "default" : ns) : "") + "/" + r.plural();
            }
        }
        throw new IllegalArgumentException("the test server does not serve " + apiVersion + " " + kind);
    }

    /** A fault for requests whose path contains {@code pathPart}, {@code times} times. */
    public void fault(String pathPart, int status, int times, Map<String, String> headers) {
        dispatcher.addFault(new ApiDispatcher.Fault(pathPart, false, status, headers, times, false));
    }

    /** A fault only for continue requests (mid-pagination). */
    public void faultOnContinue(String pathPart, int status, int times) {
        dispatcher.addFault(new ApiDispatcher.Fault(pathPart, true, status, Map.of(), times, false));
    }

    /** Forgets every list snapshot at the next continue request on {@code pathPart}: the token answers 410. */
    public void expireContinueTokens(String pathPart, int times) {
        dispatcher.addFault(new ApiDispatcher.Fault(pathPart, true, 410, Map.of(), times, true));
    }

    /** No faults, an empty request log. */
    public void clean() {
        dispatcher.clearFaults();
        dispatcher.clearRequests();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
