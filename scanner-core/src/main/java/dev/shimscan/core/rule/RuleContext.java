package dev.shimscan.core.rule;

import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import java.util.List;
import java.util.function.Supplier;

/** What a rule may do while it checks one resource: report hits, and share work with the other rules. */
public interface RuleContext {
    /** The source the resource came from. */
    SourceKind source();

    void report(Hit hit);

    /**
     * A value computed once per resource and shared by every rule that checks it (e.g. the pod specs found in
     * the object, which many rules walk). {@code key} names the value; the value must not change once built.
     * Without an engine behind the context (in unit tests), it is simply computed.
     */
    default <T> T shared(String key, Supplier<T> compute) {
        return compute.get();
    }

    /**
     * The other objects read from the same file, in file order (the resource itself among them), for a rule that
     * relates objects (a ConfigMap and the workload that mounts it). Empty for live objects and node files, whose
     * objects arrive one list at a time, and without an engine behind the context.
     */
    default List<Resource> sameFile() {
        return List.of();
    }
}
