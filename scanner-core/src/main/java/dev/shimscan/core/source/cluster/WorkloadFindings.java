package dev.shimscan.core.source.cluster;

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
 * from an older revision) is reported at the owner with the pod's path mapped into the owner's template. Fed by
 * {@link ListFindings#replay} once the owners are known; the first finding added for a place is the one reported.
 */
final class WorkloadFindings {
    private record Key(String cluster, String ruleId, ObjectRef owner, String place, String evidence) {
    }

    private static final class Entry {
        final Finding finding;
        final boolean workload;
        int pods;

        Entry(Finding finding, boolean workload) {
            this.finding = finding;
            this.workload = workload;
        }
    }

    private final Map<Key, Entry> entries = new LinkedHashMap<>();

    /**
     * Adds a finding (and, for pods, how many pods share it) at its top-level owner.
     *
     * @param f        the finding as the rules reported it on {@code object}
     * @param object   the object it was found on
     * @param relative its path relative to the object's pod template, or null when it is not inside one
     * @param place    where it sits, as {@link ListFindings} worked it out for this owner
     * @param top      the object's top-level owner (the object itself when it has none)
     * @param isPod    whether the object is a live pod
     * @param pods     how many pods had it (0 unless {@code isPod})
     */
    void add(Finding f, ObjectRef object, String relative, String place, TopOwner top, boolean isPod, int pods) {
        boolean self = top.ref().equals(object);
        Key key = new Key(f.cluster(), f.ruleId(), top.ref(), place, f.evidence());
        Entry entry = entries.get(key);
        if (entry == null) {
            entry = new Entry(self ? f : moved(f, top, relative), top.templatePrefix() != null || isPod || !self);
            entries.put(key, entry);
        }
        entry.pods += pods;
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
}
