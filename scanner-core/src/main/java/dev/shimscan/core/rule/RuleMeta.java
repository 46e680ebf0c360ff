package dev.shimscan.core.rule;

import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the catalog says of a rule. Each rule class holds one as {@code static final META}.
 *
 * @param id          stable id ({@code DS101}), used in JSON, SARIF, suppressions and baselines
 * @param name        short kebab-case name ({@code docker-socket-mount})
 * @param severity    default severity
 * @param sources     the sources it applies to
 * @param summary     one sentence: what it finds
 * @param remediation what to change, in one or two sentences
 */
public record RuleMeta(String id, String name, Severity severity, Set<SourceKind> sources, String summary,
                       String remediation) {
    private static final Pattern ID = Pattern.compile("DS[1-9][0-9]{2}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public RuleMeta {
        Objects.requireNonNull(severity, "severity");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("rule id must look like DS101: " + id);
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("rule name must be kebab-case: " + name);
        }
        if (sources == null || sources.isEmpty()) {
            throw new IllegalArgumentException("rule " + id + " applies to no source");
        }
        sources = Set.copyOf(sources);
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(remediation, "remediation");
    }
}
