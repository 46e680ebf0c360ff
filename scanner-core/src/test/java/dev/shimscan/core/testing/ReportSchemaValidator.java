package dev.shimscan.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Validates JSON reports against the published schema {@code docs/report.schema.json}, read from the checkout
 * (system property {@code shimscan.project.dir}, else the nearest directory above the working directory that
 * holds {@code docs/report.schema.json}). Shared by every module's tests through scanner-core's test-jar.
 *
 * <pre>{@code ReportSchemaValidator.assertValid(jsonText);}</pre>
 */
public final class ReportSchemaValidator {
    /** The schema's path inside the checkout. */
    public static final String SCHEMA_PATH = "docs/report.schema.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static volatile JsonSchema schema;

    private ReportSchemaValidator() {
    }

    /** Fails with every validation message when {@code json} is not a valid report. */
    public static void assertValid(String json) {
        assertValid(parse(json));
    }

    /** Fails with every validation message when {@code report} is not a valid report. */
    public static void assertValid(JsonNode report) {
        List<String> problems = problemsOf(report);
        if (!problems.isEmpty()) {
            throw new AssertionError("JSON report does not match " + SCHEMA_PATH + " (" + problems.size()
                    + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  " + String.join("\n  ", problems));
        }
    }

    /** Every validation message for {@code report}, sorted by instance location; empty when it is valid. */
    public static List<String> problemsOf(JsonNode report) {
        Set<ValidationMessage> messages = schema().validate(report);
        return messages.stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> String.valueOf(m.getInstanceLocation()))
                        .thenComparing(ValidationMessage::getMessage))
                .map(m -> m.getMessage() + " [" + m.getType() + " at schema " + m.getEvaluationPath() + "]")
                .toList();
    }

    /** Every validation message for a report given as text. */
    public static List<String> problemsOf(String json) {
        return problemsOf(parse(json));
    }

    /** Where the schema file is read from. */
    public static Path schemaFile() {
        String configured = System.getProperty("shimscan.project.dir");
        if (configured != null && !configured.isBlank()) {
            Path candidate = Path.of(configured).resolve(SCHEMA_PATH);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SCHEMA_PATH);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find " + SCHEMA_PATH + ": set -Dshimscan.project.dir to the checkout"
                + " (shimscan.project.dir=" + configured + ", working dir " + Path.of("").toAbsolutePath() + ")");
    }

    /** The schema document itself, as JSON. */
    public static JsonNode schemaDocument() {
        try {
            return MAPPER.readTree(schemaFile().toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + schemaFile(), e);
        }
    }

    private static JsonSchema schema() {
        JsonSchema s = schema;
        if (s == null) {
            synchronized (ReportSchemaValidator.class) {
                s = schema;
                if (s == null) {
                    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                            .formatAssertionsEnabled(true)
                            .build();
                    s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaDocument(), config);
                    schema = s;
                }
            }
        }
        return s;
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("report is not JSON: " + e.getMessage(), e);
        }
    }
}
