package dev.shimscan.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ObjectRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code shimscan.io/ignore} annotations of a live cluster's objects, for the findings reported at an owner: a
 * pod's finding that is reported at its Deployment is suppressed when the Deployment carries the annotation, even
 * though the pod does not (the engine only sees the pod's own annotations). Only annotated objects are kept.
 */
public final class OwnerIgnores {
    private final Map<String, IgnoreAnnotation> byObject = new HashMap<>();

    /** Notes the annotation of a listed object, if it has one. */
    public void remember(JsonNode body, ObjectRef ref) {
        IgnoreAnnotation.of(body, ref).ifPresent(a -> byObject.put(key(ref), a));
    }

    /** Adds the annotations {@code later} noted (of objects listed after this one's; a later one wins). */
    public void addAll(OwnerIgnores later) {
        byObject.putAll(later.byObject);
    }

    /** The findings, with those whose object (the top-level owner) carries a covering annotation suppressed. */
    public List<Finding> apply(List<Finding> findings) {
        if (byObject.isEmpty()) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            IgnoreAnnotation a = f.object() == null ? null : byObject.get(key(f.object()));
            out.add(a != null && !f.suppressed() && a.covers(f.ruleId()) ? f.withSuppression(a.suppression()) : f);
        }
        return out;
    }

    private static String key(ObjectRef ref) {
        return ref.kind() + "\u0000" + (ref.namespace() == null ? "" : ref.namespace()) + "\u0000" + ref.name();
    }
}
