package dev.shimscan.rules.logging;

import dev.shimscan.core.tree.NodeRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Fluent Bit's YAML configuration format ({@code pipeline: inputs: / filters: / outputs:},
 * {@code parsers:}, {@code multiline_parsers:}) into the same sections as the classic format.
 */
final class FluentBitYamlConfig {
    private FluentBitYamlConfig() {
    }

    /** True when a document has a {@code pipeline} mapping with {@code inputs} or {@code filters}. */
    static boolean looksLike(EmbeddedYaml.Doc doc) {
        NodeRef pipeline = doc.root().get("pipeline");
        return pipeline.isObject() && (pipeline.get("inputs").isArray() || pipeline.get("filters").isArray());
    }

    static List<FluentBitSection> sections(EmbeddedYaml yaml, EmbeddedYaml.Doc doc) {
        List<FluentBitSection> out = new ArrayList<>();
        NodeRef pipeline = doc.root().get("pipeline");
        addAll(yaml, doc, pipeline.get("inputs"), "input", out);
        addAll(yaml, doc, pipeline.get("filters"), "filter", out);
        addAll(yaml, doc, pipeline.get("outputs"), "output", out);
        addAll(yaml, doc, doc.root().get("parsers"), "parser", out);
        addAll(yaml, doc, doc.root().get("multiline_parsers"), "multiline_parser", out);
        return out;
    }

    private static void addAll(EmbeddedYaml yaml, EmbeddedYaml.Doc doc, NodeRef list, String type,
                               List<FluentBitSection> out) {
        for (NodeRef item : list.elements()) {
            List<FluentBitSection.Setting> settings = new ArrayList<>();
            for (NodeRef.Field f : item.fields()) {
                String key = DockerLogSources.normalizeKey(f.key());
                if (f.value().isScalar()) {
                    f.value().text().ifPresent(v -> settings.add(
                            new FluentBitSection.Setting(key, v, yaml.placeOf(doc, f.value()))));
                } else {
                    for (NodeRef e : f.value().elements()) {
                        e.text().ifPresent(v -> settings.add(
                                new FluentBitSection.Setting(key, v, yaml.placeOf(doc, e))));
                    }
                }
            }
            out.add(new FluentBitSection(type, settings));
        }
    }
}
