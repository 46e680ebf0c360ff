package dev.shimscan.core.source.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shimscan.core.model.ObjectRef;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers, for each controller read so far (by uid), its top-level owner. Controllers are read before the
 * objects they own (CronJobs before Jobs, Deployments and Rollouts before ReplicaSets, all before Pods), so one
 * look-up resolves a whole chain. Holds one small entry per controller, never the objects.
 */
final class OwnerIndex {
    private final Map<String, TopOwner> byUid = new HashMap<>();
    /** The same by kind, namespace and name: for owner references whose uid does not match (a restored object). */
    private final Map<String, TopOwner> byName = new HashMap<>();

    /**
     * The top-level owner of {@code object} (identified as {@code ref}): the one of its controlling owner, or
     * the owner reference itself when that owner was not read, or the object itself when it has no owner.
     * Pods owned by a Node (static pods) are their own top-level owner.
     */
    TopOwner topOwnerOf(JsonNode object, ObjectRef ref) {
        JsonNode owner = controllingOwner(object.path("metadata").path("ownerReferences"));
        if (owner == null || owner.path("kind").asText("").equals("Node")) {
            return TopOwner.of(ref);
        }
        TopOwner known = byUid.get(owner.path("uid").asText(""));
        if (known == null) {
            known = byName.get(nameKey(owner.path("kind").asText(""), ref.namespace(), owner.path("name").asText("")));
        }
        if (known != null) {
            return known;
        }
        return TopOwner.of(new ObjectRef(owner.path("apiVersion").asText(null), owner.path("kind").asText(null),
                ref.namespace(), owner.path("name").asText(null)));
    }

    void remember(JsonNode object, TopOwner top) {
        String uid = object.path("metadata").path("uid").asText("");
        if (!uid.isEmpty()) {
            byUid.put(uid, top);
        }
        JsonNode meta = object.path("metadata");
        byName.put(nameKey(object.path("kind").asText(""), meta.path("namespace").asText(null),
                meta.path("name").asText("")), top);
    }

    private static String nameKey(String kind, String namespace, String name) {
        return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    int size() {
        return byUid.size();
    }

    private static JsonNode controllingOwner(JsonNode refs) {
        if (!refs.isArray() || refs.isEmpty()) {
            return null;
        }
        for (JsonNode r : refs) {
            if (r.path("controller").asBoolean(false)) {
                return r;
            }
        }
        return refs.get(0);
    }
}
