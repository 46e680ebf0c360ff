package dev.shimscan.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Validates SARIF against the official 2.1.0 schema in {@code ../shared/schemas} (draft-04). */
public final class SarifSchemaValidator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static volatile JsonSchema schema;

    private SarifSchemaValidator() {
    }

    public static void assertValid(String sarif) {
        List<String> problems = problemsOf(sarif);
        assertThat(problems).as("SARIF schema violations").isEmpty();
    }

    public static List<String> problemsOf(String sarif) {
        try {
            JsonNode node = MAPPER.readTree(sarif);
            return schema().validate(node).stream().map(ValidationMessage::getMessage).sorted().toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    /** The checkout's sibling {@code shared/} directory. */
    public static Path sharedDir() {
        String configured = System.getProperty("shimscan.shared.dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/schemas"))) {
                return dir.resolve("shared");
            }
        }
        throw new IllegalStateException("cannot find ../shared (set -Dshimscan.shared.dir)");
    }

    private static JsonSchema schema() {
        JsonSchema s = schema;
        if (s == null) {
            try {
                JsonNode doc = MAPPER.readTree(sharedDir().resolve("schemas/sarif-schema-2.1.0.json").toFile());
                s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(doc);
                schema = s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return s;
    }
}
