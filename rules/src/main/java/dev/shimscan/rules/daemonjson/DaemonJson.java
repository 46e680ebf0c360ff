package dev.shimscan.rules.daemonjson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Docker {@code daemon.json}: its top-level settings in file order, each with the offset of its key in the text so
 * a finding lands on the key's line. Text that is not one JSON object gives nothing (the host source reports the
 * syntax error with its line).
 *
 * @param entries the top-level keys and values
 */
record DaemonJson(List<Entry> entries) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    /**
     * One top-level setting.
     *
     * @param keyOffset offset of the key's first character (after its opening quote) in the text
     */
    record Entry(String key, JsonNode value, int keyOffset) {
    }

    static Optional<DaemonJson> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            List<Entry> entries = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int offset = (int) p.currentTokenLocation().getCharOffset() + 1;
                p.nextToken();
                JsonNode value = MAPPER.readTree(p);
                entries.add(new Entry(key, value, offset));
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(new DaemonJson(List.copyOf(entries)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    Optional<Entry> get(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    /** The strings of an array value (or of a single string); other items are skipped. */
    static List<String> strings(JsonNode value) {
        List<String> out = new ArrayList<>();
        if (value.isTextual()) {
            out.add(value.asText());
        } else if (value.isArray()) {
            value.forEach(v -> {
                if (v.isTextual()) {
                    out.add(v.asText());
                }
            });
        }
        return out;
    }
}
