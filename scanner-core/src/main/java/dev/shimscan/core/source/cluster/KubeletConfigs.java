package dev.shimscan.core.source.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shimscan.core.model.ObjectRef;
import java.io.IOException;
import java.util.Map;

/**
 * A kubelet's running configuration, read through the API server's node proxy
 * ({@code GET /api/v1/nodes/NAME/proxy/configz}, permission {@code get nodes/proxy}), as an object of kind
 * {@code KubeletConfiguration} named after its node, so rules check it like any other object.
 */
final class KubeletConfigs {
    static final String API_VERSION = "kubelet.config.k8s.io/v1beta1";
    static final String KIND = "KubeletConfiguration";

    private KubeletConfigs() {
    }

    static JsonNode fetch(KubeApi api, String node) throws IOException {
        return api.get("/api/v1/nodes/" + node + "/proxy/configz", Map.of(),
                body -> ClusterAudit.json().readTree(body));
    }

    /** The configuration of one node as a checkable object, or null when the answer holds none. */
    static ObjectNode asObject(String node, JsonNode configz) {
        JsonNode config = configz.path("kubeletconfig");
        if (!config.isObject()) {
            return null;
        }
        ObjectNode body = ClusterAudit.json().createObjectNode();
        body.put("apiVersion", API_VERSION);
        body.put("kind", KIND);
        body.putObject("metadata").put("name", node);
        config.fields().forEachRemaining(e -> {
            if (!body.has(e.getKey())) {
                body.set(e.getKey(), e.getValue());
            }
        });
        return body;
    }

    static ObjectRef ref(String node) {
        return new ObjectRef(API_VERSION, KIND, null, node);
    }
}
