package dev.shimscan.rules.logging;

import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.tree.NodeRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the DS702 hits of one object: the rule groups of a PrometheusRule-shaped {@code spec.groups}; and in
 * config-bearing strings, Prometheus/Loki rule files ({@link AlertRuleCheck}), node-problem-detector monitors
 * ({@link NodeProblemDetectorCheck}) and Grafana dashboards or other alerting text, searched line by line for
 * {@link DockerSignals}. A string that is none of these (a script, an application config) is not read.
 */
final class AlertConfigAnalyzer {
    private static final Pattern RULES_FILE = Pattern.compile("(?m)^\\s*groups\\s*:");
    private static final Pattern QUERY_TEXT = Pattern.compile(
            "\"(expr|panels|targets|query|rawSql)\"\\s*:|(?m)^\\s*-?\\s*(expr|alert|record)\\s*:");

    private AlertConfigAnalyzer() {
    }

    static List<PlaceHit> analyze(Resource resource) {
        List<PlaceHit> out = new ArrayList<>();
        NodeRef groups = resource.root().at("spec", "groups");
        if (groups.isArray()) {
            out.addAll(AlertRuleCheck.check(groups, AlertRuleCheck::ofNode));
        }
        String skip = groups.path();
        for (ConfigString s : ConfigString.of(resource)) {
            if (groups.isArray() && (s.node().path().startsWith(skip + "[") || s.node().path().startsWith(skip + "."))) {
                continue;
            }
            if (DockerSignals.mayMatch(s.text())) {
                out.addAll(checkText(s));
            }
        }
        return distinct(out);
    }

    private static List<PlaceHit> checkText(ConfigString s) {
        String text = s.text();
        boolean npd = text.contains("\"plugin\"");
        if (npd || RULES_FILE.matcher(text).find()) {
            Optional<EmbeddedYaml> yaml = EmbeddedYaml.read(s.node(), text);
            if (yaml.isPresent()) {
                List<PlaceHit> out = new ArrayList<>();
                boolean recognized = false;
                for (EmbeddedYaml.Doc doc : yaml.get().documents()) {
                    if (NodeProblemDetectorCheck.applies(doc)) {
                        recognized = true;
                        out.addAll(NodeProblemDetectorCheck.check(yaml.get(), doc));
                    } else if (doc.root().get("groups").isArray()) {
                        recognized = true;
                        out.addAll(AlertRuleCheck.check(doc.root().get("groups"), AlertRuleCheck.embedded(yaml.get(), doc)));
                    }
                }
                if (recognized) {
                    return out;
                }
            }
        }
        if (QUERY_TEXT.matcher(text).find()) {
            return lines(s);
        }
        return List.of();
    }

    /** Dashboards and rule text that did not read as YAML: every non-comment line with a signal, once. */
    private static List<PlaceHit> lines(ConfigString s) {
        String text = s.text();
        boolean json = text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[");
        List<PlaceHit> out = new ArrayList<>();
        for (PlaceHit h : AlertRuleCheck.signals(new AlertRuleCheck.Slice(text, Place.of(s.node())), "query")) {
            int lineStart = text.lastIndexOf('\n', h.place().offset() - 1) + 1;
            String line = text.substring(lineStart, h.place().offset()).strip();
            if (!json && (line.startsWith("#") || line.startsWith("//"))) {
                continue;
            }
            out.add(h);
        }
        return out;
    }

    private static List<PlaceHit> distinct(List<PlaceHit> hits) {
        Set<String> seen = new HashSet<>();
        List<PlaceHit> out = new ArrayList<>();
        for (PlaceHit h : hits) {
            if (seen.add(h.place().node().path() + "@" + h.evidence().offset())) {
                out.add(h);
            }
        }
        return out;
    }
}
