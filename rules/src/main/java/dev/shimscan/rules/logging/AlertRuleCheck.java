package dev.shimscan.rules.logging;

import dev.shimscan.core.tree.NodeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * DS702 for Prometheus-style rule groups ({@code groups[].rules[]} with {@code expr}): the {@code spec} of a
 * PrometheusRule (or any custom resource of the same shape: VictoriaMetrics VMRule, Loki operator rules), or a rule
 * file held in a ConfigMap (Prometheus and Loki ruler files). The expression is checked first; a rule's
 * {@code annotations} and {@code labels} only when its expression is clean, so one alert gives one finding per
 * Docker-specific line rather than one per mention.
 */
final class AlertRuleCheck {
    /** The text of a node as it should be searched, and the place its first char has. */
    record Slice(String text, Place base) {
    }

    private AlertRuleCheck() {
    }

    /** A slice for a node of the object itself: its value, offsets inside the value. */
    static Slice ofNode(NodeRef node) {
        return new Slice(node.textOr(""), Place.of(node));
    }

    /** A slice for a node of a file embedded in a string: its source text, offsets inside the holder's value. */
    static Function<NodeRef, Slice> embedded(EmbeddedYaml yaml, EmbeddedYaml.Doc doc) {
        return node -> new Slice(yaml.sourceOf(doc, node), yaml.placeOf(doc, node));
    }

    static List<PlaceHit> check(NodeRef groups, Function<NodeRef, Slice> slicer) {
        List<PlaceHit> out = new ArrayList<>();
        for (NodeRef group : groups.elements()) {
            for (NodeRef rule : group.get("rules").elements()) {
                String name = rule.get("alert").text().map(a -> "alert '" + a + "'")
                        .or(() -> rule.get("record").text().map(r -> "recording rule '" + r + "'"))
                        .orElse("rule");
                List<PlaceHit> found = new ArrayList<>();
                NodeRef expr = rule.get("expr");
                if (expr.isScalar() && expr.exists()) {
                    found.addAll(signals(slicer.apply(expr), name + " expression"));
                }
                if (found.isEmpty()) {
                    for (String section : List.of("annotations", "labels")) {
                        for (NodeRef.Field f : rule.get(section).fields()) {
                            if (f.value().isScalar() && f.value().exists()) {
                                found.addAll(signals(slicer.apply(f.value()), name + " " + section + "." + f.key()));
                            }
                        }
                    }
                }
                out.addAll(found);
            }
        }
        return out;
    }

    static List<PlaceHit> signals(Slice slice, String where) {
        List<PlaceHit> out = new ArrayList<>();
        for (DockerSignals.Signal s : DockerSignals.find(slice.text())) {
            out.add(PlaceHit.of(slice.base().shifted(s.start(), s.end() - s.start()),
                    where + " " + s.kind().message(s.text()), s.kind().remediation()));
        }
        return out;
    }
}
