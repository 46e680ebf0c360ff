package dev.shimscan.core.rule;

import dev.shimscan.core.resource.Resource;

/**
 * A check of the catalog. Implementations are stateless and thread-safe, registered through
 * {@code META-INF/services/dev.shimscan.core.rule.Rule}, and report nodes (never line numbers) through
 * the context; the engine resolves positions.
 */
public interface Rule {
    RuleMeta meta();

    void check(Resource resource, RuleContext ctx);
}
