package dev.shimscan.core.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shimscan.core.model.ObjectRef;
import dev.shimscan.core.tree.NodeRef;

/** One Kubernetes object to check, with where it came from. */
public record Resource(ObjectRef ref, JsonNode body, Origin origin) {

    /** The object's root, for navigation with paths. */
    public NodeRef root() {
        return NodeRef.root(body);
    }

    /** Reads apiVersion, kind, namespace and name (or the generateName prefix) of an object. */
    public static ObjectRef identify(JsonNode body) {
        JsonNode meta = body.path("metadata");
        String name = text(meta.get("name"));
        if (name == null) {
            name = text(meta.get("generateName"));
        }
        return new ObjectRef(text(body.get("apiVersion")), text(body.get("kind")), text(meta.get("namespace")), name);
    }

    /** True when a document looks like a Kubernetes object: it has {@code apiVersion} and {@code kind}. */
    public static boolean isKubernetesObject(JsonNode body) {
        return body != null && body.isObject() && text(body.get("apiVersion")) != null && text(body.get("kind")) != null;
    }

    private static String text(JsonNode n) {
        if (n == null || !n.isValueNode() || n.isNull()) {
            return null;
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }
}
