package dev.shimscan.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;

/**
 * Identifies a Kubernetes object. {@code namespace} is null for cluster-scoped objects and for manifests
 * without one; {@code name} is the {@code generateName} prefix when the object only has that.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "namespace", "name"})
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

    public static final Comparator<ObjectRef> ORDER = Comparator
            .comparing(ObjectRef::kind, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ObjectRef::namespace, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ObjectRef::name, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ObjectRef::apiVersion, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** {@code Kind/namespace/name}, or {@code Kind/name} without a namespace, as kubectl users read it. */
    public String display() {
        String n = name == null ? "(unnamed)" : name;
        return (kind == null ? "?" : kind) + "/" + (namespace == null ? "" : namespace + "/") + n;
    }
}
