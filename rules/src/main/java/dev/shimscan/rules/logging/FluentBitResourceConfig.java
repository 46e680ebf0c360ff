package dev.shimscan.rules.logging;

import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.tree.NodeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the Fluent Bit settings that log operators keep as fields of custom resources: the Fluent Bit operator
 * ({@code fluentbit.fluent.io}: {@code ClusterInput.spec.tail.parser}, {@code spec.tail.dockerMode},
 * {@code spec.systemd.systemdFilter}, {@code ClusterFilter.spec.filters[].parser.parser},
 * {@code FluentBit.spec.containerLogRealPath}) and the Logging operator ({@code logging.banzaicloud.io}:
 * {@code spec.fluentbit.inputTail.Parser}, {@code Docker_Mode}, {@code multiline.parser}). Each mapping that holds a
 * Fluent Bit setting becomes a section; field names are compared after {@link DockerLogSources#normalizeKey}.
 */
final class FluentBitResourceConfig {
    private static final Set<String> GROUPS = Set.of("fluentbit.fluent.io", "logging.banzaicloud.io",
            "logging-extensions.banzaicloud.io", "logging.kube-logging.dev");
    private static final Set<String> SETTINGS = Set.of("parser", "dockermode", "multilineparser", "systemdfilter",
            "path", "containerlogrealpath");
    private static final Set<String> INPUT_PARENTS = Set.of("tail", "inputtail", "systemd", "inputsystemd");

    private FluentBitResourceConfig() {
    }

    /** True for an object of one of the log operators' API groups. */
    static boolean applies(Resource resource) {
        String apiVersion = resource.ref().apiVersion();
        if (apiVersion == null || !apiVersion.contains("/")) {
            return false;
        }
        return GROUPS.contains(apiVersion.substring(0, apiVersion.indexOf('/')).toLowerCase(Locale.ROOT));
    }

    static List<FluentBitSection> sections(Resource resource) {
        List<FluentBitSection> out = new ArrayList<>();
        visit(resource.root().get("spec"), "spec", out, 0);
        return out;
    }

    private static void visit(NodeRef node, String key, List<FluentBitSection> out, int depth) {
        if (depth > 32) {
            return;
        }
        if (node.isArray()) {
            for (NodeRef e : node.elements()) {
                visit(e, key, out, depth + 1);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        List<FluentBitSection.Setting> settings = new ArrayList<>();
        for (NodeRef.Field f : node.fields()) {
            String k = DockerLogSources.normalizeKey(f.key());
            if (SETTINGS.contains(k)) {
                if (f.value().isScalar()) {
                    f.value().text().ifPresent(v -> settings.add(new FluentBitSection.Setting(k, v, Place.of(f.value()))));
                } else if (f.value().isArray()) {
                    for (NodeRef e : f.value().elements()) {
                        e.text().ifPresent(v -> settings.add(new FluentBitSection.Setting(k, v, Place.of(e))));
                    }
                }
            }
            visit(f.value(), f.key(), out, depth + 1);
        }
        if (!settings.isEmpty()) {
            String parent = DockerLogSources.normalizeKey(key);
            boolean input = INPUT_PARENTS.contains(parent)
                    || settings.stream().anyMatch(s -> s.key().equals("path") || s.key().equals("systemdfilter")
                    || s.key().equals("dockermode") || s.key().equals("containerlogrealpath"));
            List<FluentBitSection.Setting> all = new ArrayList<>(settings);
            if (parent.contains("systemd")) {
                all.add(0, new FluentBitSection.Setting("name", "systemd", Place.of(node)));
            } else if (parent.contains("tail")) {
                all.add(0, new FluentBitSection.Setting("name", "tail", Place.of(node)));
            }
            out.add(new FluentBitSection(input ? "input" : "filter", all));
        }
    }
}
