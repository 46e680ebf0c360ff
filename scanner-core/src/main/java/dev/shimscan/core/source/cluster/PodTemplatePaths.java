package dev.shimscan.core.source.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where each workload kind keeps its pod template, and how a path inside a pod maps to the same place in its
 * owner's template: a Pod's {@code spec.volumes[0]} is a Deployment's {@code spec.template.spec.volumes[0]} and a
 * CronJob's {@code spec.jobTemplate.spec.template.spec.volumes[0]}.
 */
final class PodTemplatePaths {
    private static final String TEMPLATE = "spec.template";
    private static final Map<String, String> PREFIX = Map.ofEntries(
            Map.entry("Pod", ""),
            Map.entry("PodTemplate", "template"),
            Map.entry("Deployment", TEMPLATE),
            Map.entry("ReplicaSet", TEMPLATE),
            Map.entry("StatefulSet", TEMPLATE),
            Map.entry("DaemonSet", TEMPLATE),
            Map.entry("Job", TEMPLATE),
            Map.entry("ReplicationController", TEMPLATE),
            Map.entry("Rollout", TEMPLATE),
            Map.entry("CloneSet", TEMPLATE),
            Map.entry("CronJob", "spec.jobTemplate.spec.template"));

    private PodTemplatePaths() {
    }

    /** The path of the pod template ({@code ""} for a Pod itself), or null for kinds without a known one. */
    static String prefixOf(String kind) {
        return kind == null ? null : PREFIX.get(kind);
    }

    /**
     * {@code path} relative to the template at {@code prefix} ({@code spec.volumes[0]...}), or null when the path
     * is not inside it.
     */
    static String relative(String path, String prefix) {
        if (prefix == null || path == null) {
            return null;
        }
        if (prefix.isEmpty()) {
            return path.startsWith("spec") || path.startsWith("metadata") ? path : null;
        }
        if (!path.startsWith(prefix)) {
            return null;
        }
        String rest = path.substring(prefix.length());
        if (rest.startsWith(".")) {
            return rest.substring(1);
        }
        return rest.isEmpty() || rest.startsWith("[") ? rest : null;
    }

    /**
     * A form of a template-relative path that survives reordering: list elements that have a {@code name} (or a
     * {@code mountPath}) are named instead of numbered, so {@code spec.volumes[3].hostPath.path} and
     * {@code spec.volumes[0].hostPath.path} match when both are the volume {@code dockersock}.
     *
     * @param template the node the relative path starts from
     */
    static String stableKey(String relative, JsonNode template) {
        List<Object> segments = parse(relative);
        StringBuilder sb = new StringBuilder();
        JsonNode node = template;
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                JsonNode element = node == null ? null : node.get(index);
                String name = element == null ? "" : element.path("name").asText("");
                if (name.isEmpty() && element != null) {
                    name = element.path("mountPath").asText("");
                }
                sb.append(name.isEmpty() ? "[" + index + "]" : "{" + name + "}");
                node = element;
            } else {
                String key = (String) segment;
                sb.append('.').append(key.replace("\\", "\\\\").replace(".", "\\."));
                node = node == null ? null : node.get(key);
            }
        }
        return sb.toString();
    }

    /** Splits {@code a.b[2]["c.d"]} into {@code a}, {@code b}, {@code 2}, {@code c.d}. */
    static List<Object> parse(String path) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                if (i + 1 < n && path.charAt(i + 1) == '"') {
                    StringBuilder key = new StringBuilder();
                    int j = i + 2;
                    while (j < n && path.charAt(j) != '"') {
                        char k = path.charAt(j);
                        if (k == '\\' && j + 1 < n) {
                            char e = path.charAt(++j);
                            key.append(switch (e) {
                                case 'n' -> '\n';
                                case 't' -> '\t';
                                default -> e;
                            });
                        } else {
                            key.append(k);
                        }
                        j++;
                    }
                    out.add(key.toString());
                    i = j + 2; // past the closing quote and bracket
                } else {
                    int close = path.indexOf(']', i);
                    if (close < 0) {
                        out.add(path.substring(i));
                        return out;
                    }
                    String digits = path.substring(i + 1, close);
                    try {
                        out.add(Integer.parseInt(digits));
                    } catch (NumberFormatException e) {
                        out.add(digits);
                    }
                    i = close + 1;
                }
            } else {
                int j = i;
                while (j < n && path.charAt(j) != '.' && path.charAt(j) != '[') {
                    j++;
                }
                out.add(path.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
