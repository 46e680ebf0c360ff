package dev.shimscan.rules.logging;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One section of a Fluent Bit configuration, whatever it was written in (classic {@code [INPUT]} files, the YAML
 * format's {@code pipeline.inputs[]} items, or the fields of a Fluent Bit operator / Logging operator custom
 * resource): its type and its settings in order, each with the place it was written.
 *
 * @param type     {@code input}, {@code filter}, {@code parser}, {@code multiline_parser}, {@code output},
 *                 {@code service} or another lower-case section name
 * @param settings the settings, keys normalised with {@link DockerLogSources#normalizeKey}; a list value gives
 *                 one setting per element
 */
record FluentBitSection(String type, List<Setting> settings) {

    /** One {@code Key Value} line (or field) of a section. */
    record Setting(String key, String value, Place place) {
    }

    FluentBitSection {
        type = type.toLowerCase(Locale.ROOT);
        settings = List.copyOf(settings);
    }

    List<Setting> all(String normalizedKey) {
        return settings.stream().filter(s -> s.key().equals(normalizedKey)).toList();
    }

    Optional<String> first(String normalizedKey) {
        return settings.stream().filter(s -> s.key().equals(normalizedKey)).map(Setting::value).findFirst();
    }

    /** The plugin name ({@code tail}, {@code systemd}, {@code parser} ...), lower case; empty when not set. */
    String plugin() {
        return first("name").map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("");
    }
}
