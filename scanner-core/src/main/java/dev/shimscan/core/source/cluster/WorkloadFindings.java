package dev.shimscan.core.source.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shimscan.core.engine.Fingerprints;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ObjectRef;
import dev.shimscan.core.tree.ObjectPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects live findings at their top-level owner, once each. A finding on a controller's template and the same
 * finding on its pods (same rule, same place in the pod template, same evidence) become one finding on the
 * controller whose {@code podCount} counts the pods; a finding only the pods have (an injected sidecar, a pod
 * from an older revision) is reported at the owner with the pod's path mapped into the owner's template.
 */
final class WorkloadFindings {
    private record Key(String cluster, String ruleId, ObjectRef owner, String place, String evidence) {
    }

    private static final class Entry {
        final Finding finding;
        final boolean workload;
        int pods;
        String lastPod;

        Entry(Finding finding, boolean workload) {
            this.finding = finding;
            this.workload = workload;
        }
    }

    private final Map<Key, Entry> entries = new LinkedHashMap<>();

    /**
     * Adds the findings of one object.
     *
     * @param object   the object as read
     * @param top      its top-level owner (the object itself when it has none)
     * @param ownRef   the object's identity
     * @param isPod    whether the object is a live pod (it then counts towards {@code podCount})
     */
    void add(List<Finding> findings, JsonNode object, ObjectRef ownRef, TopOwner top, boolean isPod) {
        if (findings.isEmpty()) {
            return;
        }
        String ownPrefix = PodTemplatePaths.prefixOf(ownRef.kind());
        JsonNode template = ownPrefix == null ? null : at(object, ownPrefix);
        boolean self = top.ref().equals(ownRef);
        boolean workload = top.templatePrefix() != null || isPod;
        String podId = isPod ? ownRef.namespace() + "/" + ownRef.name() : null;
        for (Finding f : findings) {
            String relative = PodTemplatePaths.relative(f.path(), ownPrefix);
            // an owner without a known template (a Workflow, say) is matched on the child's own path
            String place = relative == null || (!self && top.templatePrefix() == null) ? "=" + f.path()
                    : PodTemplatePaths.stableKey(relative, template);
            Key key = new Key(f.cluster(), f.ruleId(), top.ref(), place, f.evidence());
            Entry entry = entries.get(key);
            if (entry == null) {
                entry = new Entry(self ? f : moved(f, top, relative), workload || !self);
                entries.put(key, entry);
            }
            if (podId != null && !podId.equals(entry.lastPod)) {
                entry.pods++;
                entry.lastPod = podId;
            }
        }
    }

    /** The findings, each at its top-level owner, with {@code owner} and {@code podCount} for workloads. */
    List<Finding> results() {
        List<Finding> out = new ArrayList<>(entries.size());
        for (Entry e : entries.values()) {
            Finding f = e.finding;
            if (e.workload || e.pods > 0) {
                f = new Finding(f.ruleId(), f.severity(), f.message(), f.object(), f.location(), f.path(),
                        f.container(), f.evidence(), f.remediation(), f.cluster(), ownerRef(f.object()), e.pods,
                        f.fingerprint(), f.suppressed());
            }
            out.add(f);
        }
        return out;
    }

    int size() {
        return entries.size();
    }

    /** The finding of a child (pod, ReplicaSet, Job) re-addressed to its top-level owner. */
    private static Finding moved(Finding f, TopOwner top, String relative) {
        String path = f.path();
        if (relative != null && top.templatePrefix() != null) {
            path = ObjectPath.join(top.templatePrefix(), relative);
        }
        String fingerprint = Fingerprints.of(f.ruleId(), top.ref(), path, f.evidence(), 0);
        return new Finding(f.ruleId(), f.severity(), f.message(), top.ref(), null, path, f.container(), f.evidence(),
                f.remediation(), f.cluster(), null, null, fingerprint, f.suppressed());
    }

    private static ObjectRef ownerRef(ObjectRef object) {
        return new ObjectRef(null, object.kind(), object.namespace(), object.name());
    }

    private static JsonNode at(JsonNode object, String prefix) {
        JsonNode node = object;
        for (Object segment : PodTemplatePaths.parse(prefix)) {
            node = node.path((String) segment);
        }
        return node;
    }
}
