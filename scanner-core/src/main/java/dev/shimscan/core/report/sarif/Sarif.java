package dev.shimscan.core.report.sarif;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** The subset of SARIF 2.1.0 that shimscan writes, as records serialised by Jackson. */
final class Sarif {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String VERSION = "2.1.0";
    static final String SRCROOT = "%SRCROOT%";

    private Sarif() {
    }

    @JsonPropertyOrder({"$schema", "version", "runs"})
    record Log(@JsonProperty("$schema") String schema, String version, List<Run> runs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"tool", "automationDetails", "invocations", "columnKind", "originalUriBaseIds", "results"})
    record Run(Tool tool, AutomationDetails automationDetails, List<Invocation> invocations, String columnKind,
               Map<String, BaseUri> originalUriBaseIds, List<Result> results) {
    }

    record Tool(Driver driver) {
    }

    @JsonPropertyOrder({"name", "semanticVersion", "informationUri", "rules"})
    record Driver(String name, String semanticVersion, String informationUri, List<Rule> rules) {
    }

    record AutomationDetails(String id) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"executionSuccessful", "toolExecutionNotifications"})
    record Invocation(boolean executionSuccessful, List<Notification> toolExecutionNotifications) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"level", "message", "locations"})
    record Notification(String level, Message message, List<Location> locations) {
    }

    record BaseUri(Message description) {
    }

    @JsonPropertyOrder({"id", "name", "shortDescription", "fullDescription", "help", "helpUri",
            "defaultConfiguration", "properties"})
    record Rule(String id, String name, Message shortDescription, Message fullDescription, Help help, String helpUri,
                Configuration defaultConfiguration, Map<String, Object> properties) {
    }

    record Message(String text) {
    }

    @JsonPropertyOrder({"text", "markdown"})
    record Help(String text, String markdown) {
    }

    record Configuration(String level) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"ruleId", "ruleIndex", "level", "message", "locations", "partialFingerprints",
            "suppressions", "properties"})
    record Result(String ruleId, int ruleIndex, String level, Message message, List<Location> locations,
                  Map<String, String> partialFingerprints, List<Suppression> suppressions,
                  Map<String, Object> properties) {
    }

    record Suppression(String kind, String justification) {
    }

    record Location(PhysicalLocation physicalLocation) {
    }

    record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {
    }

    @JsonPropertyOrder({"uri", "uriBaseId"})
    record ArtifactLocation(String uri, String uriBaseId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"startLine", "startColumn", "endLine", "endColumn"})
    record Region(int startLine, Integer startColumn, Integer endLine, Integer endColumn) {
    }
}
