package dev.shimscan.core.rule;

import dev.shimscan.core.model.SourceKind;

/** What a rule may do while it checks one resource: report hits. */
public interface RuleContext {
    /** The source the resource came from. */
    SourceKind source();

    void report(Hit hit);
}
