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

    /**
     * The strings at least one of which a file's text must contain for this rule to fire on any object in it.
     * The default declares nothing, so every file is parsed for this rule; see {@link Keywords} for what a
     * declaration promises.
     */
    default Keywords keywords() {
        return Keywords.UNDECLARED;
    }
}
