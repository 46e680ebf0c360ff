package dev.shimscan.core.source.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shimscan.core.model.ObjectRef;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The controllers of one cluster (by uid, and by kind, namespace and name) with each one's controlling owner, so
 * that the top-level owner of any object can be found once every list has been read, whatever the order the lists
 * were read in: a pod's ReplicaSet may arrive after the pod. Holds one small entry per controller, never the
 * objects. Filled and queried by one thread.
 */
final class OwnerIndex {
    /** Owner chains longer than this are cut (they only come from reference cycles). */
    static final int MAX_DEPTH = 32;

    /** A controller as the index keeps it: its identity and its own controlling owner (null: none). */
    record Controller(ObjectRef ref, OwnerLink owner) {
    }

    private final Map<String, Controller> byUid = new HashMap<>();
    /** The same by kind, namespace and name: for owner references whose uid does not match (a restored object). */
    private final Map<String, Controller> byName = new HashMap<>();
    private final Map<Controller, TopOwner> tops = new IdentityHashMap<>();

    /**
     * The controlling owner {@code object} (identified as {@code ref}) names, or null when it has none or is owned
     * by a Node (a static pod): then it is its own top-level owner.
     */
    static OwnerLink linkOf(JsonNode object, ObjectRef ref) {
        JsonNode owner = controllingOwner(object.path("metadata").path("ownerReferences"));
        if (owner == null || owner.path("kind").asText("").equals("Node")) {
            return null;
        }
        return new OwnerLink(owner.path("uid").asText(""), owner.path("apiVersion").asText(null),
                owner.path("kind").asText(null), ref.namespace(), owner.path("name").asText(null));
    }

    /** Remembers a controller; a later one with the same uid or name replaces an earlier one. */
    void remember(String uid, ObjectRef ref, OwnerLink owner) {
        Controller c = new Controller(ref, owner);
        if (uid != null && !uid.isEmpty()) {
            byUid.put(uid, c);
        }
        byName.put(nameKey(ref.kind(), ref.namespace(), ref.name()), c);
    }

    /**
     * The top-level owner behind an owner reference: the top of the controller it names, or the reference itself
     * when that controller was not read.
     */
    TopOwner resolve(OwnerLink link) {
        return resolve(link, 0);
    }

    private TopOwner resolve(OwnerLink link, int depth) {
        Controller known = byUid.get(link.uid());
        if (known == null) {
            known = byName.get(nameKey(link.kind(), link.namespace(), link.name()));
        }
        if (known == null || depth >= MAX_DEPTH) {
            return TopOwner.of(link.ref());
        }
        TopOwner top = tops.get(known);
        if (top == null) {
            top = known.owner() == null ? TopOwner.of(known.ref()) : resolve(known.owner(), depth + 1);
            tops.put(known, top);
        }
        return top;
    }

    private static String nameKey(String kind, String namespace, String name) {
        return (kind == null ? "" : kind) + "/" + (namespace == null ? "" : namespace) + "/"
                + (name == null ? "" : name);
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
