package dev.shimscan.rules.logging;

import dev.shimscan.core.resource.Resource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the DS701 hits of one object: reads each config-bearing string ({@link ConfigString}) in the format it is
 * written in (Fluent Bit classic or YAML, Fluentd, YAML agents, Vector TOML / Alloy) and the Fluent Bit settings
 * of log-operator custom resources, then runs the checks. All Fluent Bit files of one object are checked together,
 * because they include each other.
 */
final class LogPipelineAnalyzer {
    private LogPipelineAnalyzer() {
    }

    static List<PlaceHit> analyze(Resource resource) {
        List<ConfigString> strings = ConfigString.of(resource);
        boolean operatorResource = FluentBitResourceConfig.applies(resource);
        if (!operatorResource && strings.stream().noneMatch(s -> worthReading(s.text()))) {
            return List.of();
        }
        List<FluentBitSection> fluentBit = new ArrayList<>();
        List<PlaceHit> out = new ArrayList<>();
        for (ConfigString s : strings) {
            String text = s.text();
            if (FluentBitClassicConfig.looksLike(text)) {
                fluentBit.addAll(FluentBitClassicConfig.parse(s.node(), text));
            } else if (FluentdConfig.looksLike(text)) {
                out.addAll(FluentdCheck.check(FluentdConfig.parse(s.node(), text)));
            } else if (worthReading(text) || mayDefineParsers(text)) {
                Optional<EmbeddedYaml> yaml = EmbeddedYaml.read(s.node(), text);
                if (yaml.isPresent()) {
                    for (EmbeddedYaml.Doc doc : yaml.get().documents()) {
                        if (FluentBitYamlConfig.looksLike(doc) || isFluentBitParsersFile(doc)) {
                            fluentBit.addAll(FluentBitYamlConfig.sections(yaml.get(), doc));
                        } else {
                            out.addAll(StructuredPipelineCheck.check(yaml.get(), doc, s.name()));
                        }
                    }
                } else if (PlainTextPipelineCheck.looksLike(text)) {
                    out.addAll(PlainTextPipelineCheck.check(s.node(), text));
                }
            }
        }
        if (operatorResource) {
            fluentBit.addAll(FluentBitResourceConfig.sections(resource));
        }
        out.addAll(FluentBitCheck.check(fluentBit));
        return distinct(out);
    }

    /** Cheap filter: only texts that name Docker or container log files can hold a finding. */
    static boolean worthReading(String text) {
        String lower = DockerLogSources.lower(text);
        return lower.contains("docker") || DockerLogSources.readsContainerLogs(text);
    }

    private static boolean mayDefineParsers(String text) {
        return text.contains("parsers:");
    }

    /** A Fluent Bit YAML file that only defines parsers (included by the main file). */
    private static boolean isFluentBitParsersFile(EmbeddedYaml.Doc doc) {
        return doc.root().get("parsers").isArray() && doc.root().get("parsers").elements().stream()
                .allMatch(p -> p.get("name").exists() && p.get("format").exists());
    }

    /** One hit per place: two checks that agree on a line report it once. */
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
