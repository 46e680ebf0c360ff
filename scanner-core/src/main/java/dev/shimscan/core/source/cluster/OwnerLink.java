package dev.shimscan.core.source.cluster;

import dev.shimscan.core.model.ObjectRef;

/**
 * The controlling owner an object's {@code ownerReferences} name: its uid, apiVersion, kind and name, in the
 * object's namespace. Resolved to a top-level owner once every list has been read ({@link OwnerIndex}).
 */
record OwnerLink(String uid, String apiVersion, String kind, String namespace, String name) {

    /** The owner as the reference names it (used when the owner itself was not read). */
    ObjectRef ref() {
        return new ObjectRef(apiVersion, kind, namespace, name);
    }
}
