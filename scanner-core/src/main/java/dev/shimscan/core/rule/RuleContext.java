package dev.shimscan.core.rule;

import dev.shimscan.core.model.SourceKind;
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
}
