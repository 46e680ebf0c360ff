package dev.shimscan.core.source.cluster;

import dev.shimscan.core.model.ObjectRef;

/**
 * The top-level owner of a live object: the Deployment of a ReplicaSet's pods, the CronJob of a Job's pods, or
 * the object itself. {@code templatePrefix} is where its pod template sits, null when its kind has no known one.
 */
record TopOwner(ObjectRef ref, String templatePrefix) {
    static TopOwner of(ObjectRef ref) {
        return new TopOwner(ref, PodTemplatePaths.prefixOf(ref.kind()));
    }
}
