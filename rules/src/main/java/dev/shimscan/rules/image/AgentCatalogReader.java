package dev.shimscan.rules.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.yaml.DocumentReader;
import dev.shimscan.core.yaml.ParseIssue;
import dev.shimscan.core.yaml.ParsedFile;
import dev.shimscan.core.yaml.SourceText;
import dev.shimscan.rules.image.AgentCatalog.Agent;
import dev.shimscan.rules.image.AgentCatalog.ImagePattern;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the agent catalog's YAML into its records, strictly: an unknown (misspelt) field, a missing list or a
 * value of the wrong shape is an error naming the field. It goes through the scanner's own YAML reader rather
 * than a Jackson {@code ObjectMapper}: binding records through databind cost a cold scan about a fifth of its
 * time (class initialisation and deserializer construction), measured in docs/benchmarks.md.
 */
final class AgentCatalogReader {
    private static final Set<String> FILE_FIELDS = Set.of("agents");
    private static final Set<String> AGENT_FIELDS = Set.of("vendor", "product", "images", "notAgentWhenArgs",
            "guidance", "advice", "severity", "source");
    private static final Set<String> IMAGE_FIELDS = Set.of("pattern", "runtimeAwareSince");

    private AgentCatalogReader() {
    }

    static List<Agent> read(String yaml, String name) {
        ParsedFile file = new DocumentReader().readYaml(new SourceText(yaml));
        if (!file.issues().isEmpty()) {
            ParseIssue issue = file.issues().get(0);
            throw new IllegalStateException(name + ":" + issue.line() + ": " + issue.message());
        }
        if (file.documents().size() != 1) {
            throw new IllegalStateException(name + ": expected one document, found " + file.documents().size());
        }
        JsonNode root = file.documents().get(0).root();
        checkFields(root, FILE_FIELDS, name);
        List<Agent> agents = new ArrayList<>();
        for (JsonNode agent : list(root, "agents", name)) {
            agents.add(agent(agent, name));
        }
        return List.copyOf(agents);
    }

    private static Agent agent(JsonNode node, String name) {
        String where = name + " agent " + (node.isObject() ? text(node, "product", name) : "?");
        checkFields(node, AGENT_FIELDS, where);
        List<ImagePattern> images = new ArrayList<>();
        for (JsonNode image : list(node, "images", where)) {
            checkFields(image, IMAGE_FIELDS, where);
            images.add(new ImagePattern(text(image, "pattern", where), text(image, "runtimeAwareSince", where)));
        }
        List<String> notAgentWhenArgs = null;
        if (node.has("notAgentWhenArgs")) {
            notAgentWhenArgs = new ArrayList<>();
            for (JsonNode arg : list(node, "notAgentWhenArgs", where)) {
                notAgentWhenArgs.add(scalar(arg, "notAgentWhenArgs", where));
            }
        }
        String severity = text(node, "severity", where);
        return new Agent(text(node, "vendor", where), text(node, "product", where), images, notAgentWhenArgs,
                text(node, "guidance", where), text(node, "advice", where),
                severity == null ? null : Severity.parse(severity), text(node, "source", where));
    }

    private static void checkFields(JsonNode node, Set<String> known, String where) {
        if (!node.isObject()) {
            throw new IllegalStateException(where + ": expected a mapping, found " + node.getNodeType());
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!known.contains(field)) {
                throw new IllegalStateException(where + ": unknown field '" + field + "' (known: "
                        + known.stream().sorted().toList() + ")");
            }
        }
    }

    private static JsonNode list(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalStateException(where + ": '" + field + "' must be a list");
        }
        return value;
    }

    /** The field's text, or null when it is absent or null. */
    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : scalar(value, field, where);
    }

    private static String scalar(JsonNode value, String field, String where) {
        if (!value.isValueNode()) {
            throw new IllegalStateException(where + ": '" + field + "' must be a scalar");
        }
        return value.asText();
    }
}
