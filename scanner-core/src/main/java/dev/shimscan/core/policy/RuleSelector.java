package dev.shimscan.core.policy;

import dev.shimscan.core.rule.RuleMeta;
import java.util.List;

/** Rules by globs over their id ({@code DS1*}, case-insensitive) or their name ({@code docker-socket-*}). */
public record RuleSelector(List<Glob> globs) {
    public RuleSelector {
        globs = List.copyOf(globs);
    }

    public static RuleSelector of(List<String> globs) {
        return new RuleSelector(globs.stream().map(g -> Glob.name(g.strip(), true)).toList());
    }

    public boolean isEmpty() {
        return globs.isEmpty();
    }

    public boolean matches(RuleMeta rule) {
        return globs.stream().anyMatch(g -> matches(g, rule));
    }

    /** True when {@code ruleId} is matched by id (a finding knows its rule by id only). */
    public boolean matchesId(String ruleId) {
        return globs.stream().anyMatch(g -> g.matches(ruleId));
    }

    public static boolean matches(Glob glob, RuleMeta rule) {
        return glob.matches(rule.id()) || glob.matches(rule.name());
    }
}
