package dev.shimscan.rules.logging;

import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.source.host.HostFileCategory;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.rules.support.HostFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A string field of an object that may hold a whole config file: a ConfigMap {@code data} value, a Secret
 * {@code stringData} value, a log agent's config file read from a node (host source, category
 * {@code log-pipeline}; other host files are not log configs), or any multi-line string of another object (a custom
 * resource's embedded config, a HelmRelease's values, a GrafanaDashboard's JSON).
 *
 * @param name the key the text is stored under ({@code fluent-bit.conf}), or the last path segment
 * @param node the scalar node holding the text
 * @param text the text
 */
record ConfigString(String name, NodeRef node, String text) {

    /** The config-bearing strings of an object, in document order. */
    static List<ConfigString> of(Resource resource) {
        Optional<HostFile> host = HostFile.of(resource);
        if (host.isPresent()) {
            HostFile f = host.get();
            return f.category() == HostFileCategory.LOG_PIPELINE
                    ? List.of(new ConfigString(f.name(), f.content(), f.text())) : List.of();
        }
        NodeRef root = resource.root();
        String kind = resource.ref().kind();
        List<ConfigString> out = new ArrayList<>();
        if ("ConfigMap".equals(kind)) {
            addTextFields(root.get("data"), out);
        } else if ("Secret".equals(kind)) {
            addTextFields(root.get("stringData"), out);
        } else {
            for (NodeRef.Field f : root.fields()) {
                if (!f.key().equals("metadata") && !f.key().equals("status")) {
                    collectMultiLine(f.key(), f.value(), out, 0);
                }
            }
        }
        return out;
    }

    private static void addTextFields(NodeRef map, List<ConfigString> out) {
        for (NodeRef.Field f : map.fields()) {
            if (f.value().node().isTextual()) {
                out.add(new ConfigString(f.key(), f.value(), f.value().node().textValue()));
            }
        }
    }

    private static void collectMultiLine(String key, NodeRef node, List<ConfigString> out, int depth) {
        if (depth > 64) {
            return;
        }
        if (node.isObject()) {
            for (NodeRef.Field f : node.fields()) {
                collectMultiLine(f.key(), f.value(), out, depth + 1);
            }
        } else if (node.isArray()) {
            for (NodeRef item : node.elements()) {
                collectMultiLine(key, item, out, depth + 1);
            }
        } else if (node.node().isTextual() && node.node().textValue().indexOf('\n') >= 0) {
            out.add(new ConfigString(key, node, node.node().textValue()));
        }
    }
}
