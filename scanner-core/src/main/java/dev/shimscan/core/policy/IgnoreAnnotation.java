package dev.shimscan.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ObjectRef;
import dev.shimscan.core.model.Suppression;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An object's own suppression: the annotation {@value #IGNORE} lists the rule ids it accepts
 * ({@code "DS101,DS204"}, separated by commas or spaces) or says {@code all}; {@value #REASON} says why.
 *
 * @param rules  upper-case rule ids; empty when {@code all}
 * @param all    every rule
 * @param reason the reason, or null
 * @param origin the object that carries the annotation ({@code DaemonSet/logging/agent})
 */
public record IgnoreAnnotation(Set<String> rules, boolean all, String reason, String origin) {
    public static final String IGNORE = "shimscan.io/ignore";
    public static final String REASON = "shimscan.io/ignore-reason";

    public IgnoreAnnotation {
        rules = Set.copyOf(rules);
    }

    /** The annotation of an object ({@code metadata.annotations}), if it has one. */
    public static Optional<IgnoreAnnotation> of(JsonNode body, ObjectRef ref) {
        JsonNode annotations = body == null ? null : body.path("metadata").path("annotations");
        if (annotations == null || !annotations.isObject()) {
            return Optional.empty();
        }
        JsonNode value = annotations.get(IGNORE);
        if (value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            return Optional.empty();
        }
        Set<String> rules = new LinkedHashSet<>();
        boolean all = false;
        for (String token : value.asText().split("[,\\s]+")) {
            String t = token.strip();
            if (t.equalsIgnoreCase("all") || t.equals("*")) {
                all = true;
            } else if (!t.isEmpty()) {
                rules.add(t.toUpperCase(Locale.ROOT));
            }
        }
        JsonNode why = annotations.get(REASON);
        String reason = why != null && why.isValueNode() && !why.isNull() && !why.asText().isBlank()
                ? why.asText().strip() : null;
        return Optional.of(new IgnoreAnnotation(all ? Set.of() : rules, all, reason, ref.display()));
    }

    public boolean covers(String ruleId) {
        return all || rules.contains(ruleId.toUpperCase(Locale.ROOT));
    }

    public Suppression suppression() {
        return new Suppression(Suppression.ANNOTATION, reason, origin, null);
    }

    /** Suppresses, in place, the findings from {@code from} on that this annotation covers. */
    public void applyTo(List<Finding> findings, int from) {
        for (int i = from; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (!f.suppressed() && covers(f.ruleId())) {
                findings.set(i, f.withSuppression(suppression()));
            }
        }
    }
}
