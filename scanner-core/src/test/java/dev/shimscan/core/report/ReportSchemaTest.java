package dev.shimscan.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Location;
import dev.shimscan.core.model.ObjectRef;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.source.manifest.ContentLoader;
import dev.shimscan.core.source.manifest.ManifestScan;
import dev.shimscan.core.testing.ReportSchemaValidator;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.core.yaml.ParseLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON report that {@link JsonReportWriter} writes validates against {@code docs/report.schema.json}, and the
 * schema is strict where the contract is: it rejects reports that break it.
 */
class ReportSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path dir;
    private static String reportJson;
    private static JsonNode report;

    /** A test rule: every string value that mentions the Docker socket, at the exact spot inside the value. */
    private static final class SocketMention implements Rule {
        static final RuleMeta META = new RuleMeta("DS998", "test-socket-mention", Severity.WARNING,
                Set.of(SourceKind.MANIFEST), "Mentions the Docker socket.", "Stop mentioning it.");

        @Override
        public RuleMeta meta() {
            return META;
        }

        @Override
        public void check(Resource resource, RuleContext ctx) {
            visit(resource.root(), ctx);
        }

        private void visit(NodeRef node, RuleContext ctx) {
            node.fields().forEach(f -> visit(f.value(), ctx));
            node.elements().forEach(e -> visit(e, ctx));
            String text = node.textOr("");
            int at = text.indexOf("docker.sock");
            if (at >= 0) {
                ctx.report(Hit.at(node, "mentions docker.sock").withEvidence("docker.sock", at).withContainer("agent"));
            }
        }
    }

    /** A test rule that throws on Services, so the report carries a rule-error problem. */
    private static final class ThrowsOnServices implements Rule {
        static final RuleMeta META = new RuleMeta("DS999", "test-throws", Severity.ERROR,
                Set.of(SourceKind.MANIFEST), "Throws.", "None.");

        @Override
        public RuleMeta meta() {
            return META;
        }

        @Override
        public void check(Resource resource, RuleContext ctx) {
            if ("Service".equals(resource.ref().kind())) {
                throw new IllegalStateException("boom");
            }
        }
    }

    @BeforeAll
    static void scanTemporaryTree() throws IOException {
        write("deploy/agent.yaml", """
                # a DaemonSet and a Service
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: agent
                  namespace: monitoring
                spec:
                  template:
                    spec:
                      containers:
                        - name: agent
                          image: example/agent:1
                      volumes:
                        - name: sock
                          hostPath:
                            path: /var/run/docker.sock
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: agent
                """);
        write("deploy/script.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: script
                data:
                  run.sh: |
                    #!/bin/sh
                    set -e
                    curl --unix-socket /var/run/docker.sock http://localhost/info
                """);
        write("deploy/broken.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: broken
                data: [unclosed
                """);
        write("chart/values.yaml", """
                replicaCount: 2
                image:
                  repository: example/app
                """);
        write("pods.json", """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "v1", "kind": "Pod", "metadata": {"generateName": "build-"},
                   "spec": {"containers": [{"name": "c", "image": "busybox"}]}}
                ]}
                """);
        ManifestScan scan = new ManifestScan(List.of(new SocketMention(), new ThrowsOnServices()),
                ContentLoader.standard(InputStream.nullInputStream()), 2, ParseLimits.DEFAULT, CLOCK);
        Report built = ReportBuilder.build(scan.run(List.of(dir.toString())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReportWriter().render(built, RenderOptions.PLAIN, out);
        reportJson = out.toString(StandardCharsets.UTF_8);
        report = MAPPER.readTree(reportJson);
    }

    private static void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void reportOfGoodBrokenAndNonKubernetesFilesIsValid() {
        ReportSchemaValidator.assertValid(reportJson);
    }

    @Test
    void theValidatedReportHasEverySectionFilled() {
        // guards the test above: the report it validates has findings, problems of two types, skipped documents
        assertThat(report.at("/summary/filesScanned").asInt()).isEqualTo(5);
        assertThat(report.at("/summary/documentsSkipped").asInt()).isEqualTo(1);
        assertThat(report.at("/summary/findings").asInt()).isEqualTo(2);
        assertThat(report.at("/coverage/inspected").toString())
                .isEqualTo("{\"ConfigMap\":1,\"DaemonSet\":1,\"Pod\":1,\"Service\":1}");
        assertThat(report.get("findings"))
                .extracting(f -> f.at("/location/line").asInt() + ":" + f.at("/location/column").asInt())
                .containsExactly("17:28", "9:33");
        JsonNode errors = report.at("/coverage/errors");
        assertThat(errors).extracting(e -> e.get("type").asText()).containsExactlyInAnyOrder("parse", "rule-error");
        assertThat(errors).filteredOn(e -> e.get("type").asText().equals("parse"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.get("file").asText()).endsWith("deploy/broken.yaml");
                    assertThat(e.get("line").asInt()).isEqualTo(5);
                });
        assertThat(errors).filteredOn(e -> e.get("type").asText().equals("rule-error"))
                .singleElement()
                .satisfies(e -> assertThat(e.get("ruleId").asText()).isEqualTo("DS999"));
    }

    @Test
    void aFindingWithoutRuleIdIsRejected() {
        assertRejected(r -> firstFinding(r).remove("ruleId"), "ruleId");
    }

    @Test
    void lineZeroIsRejected() {
        assertRejected(r -> ((ObjectNode) firstFinding(r).get("location")).put("line", 0), "line");
    }

    @Test
    void columnZeroIsRejected() {
        assertRejected(r -> ((ObjectNode) firstFinding(r).get("location")).put("column", 0), "column");
    }

    @Test
    void anEndWithoutItsOtherHalfIsRejected() {
        assertRejected(r -> ((ObjectNode) firstFinding(r).get("location")).remove("endColumn"), "endColumn");
        assertRejected(r -> ((ObjectNode) firstFinding(r).get("location")).put("endLine", 0), "endLine");
    }

    @Test
    void anUnknownSeverityIsRejected() {
        assertRejected(r -> firstFinding(r).put("severity", "critical"), "severity");
    }

    @Test
    void aMalformedRuleIdIsRejected() {
        assertRejected(r -> firstFinding(r).put("ruleId", "DS01"), "ruleId");
        assertRejected(r -> ((ObjectNode) r.at("/summary/byRule")).put("docker-socket", 0), "byRule");
    }

    @Test
    void aManifestFindingWithoutLocationIsRejected() {
        assertRejected(r -> firstFinding(r).remove("location"), "location");
    }

    @Test
    void anUnknownProblemTypeIsRejected() {
        assertRejected(r -> ((ObjectNode) r.at("/coverage/errors/0")).put("type", "crash"), "type");
    }

    @Test
    void aRuleErrorWithoutRuleIdIsRejected() {
        assertRejected(r -> {
            for (JsonNode e : r.at("/coverage/errors")) {
                ((ObjectNode) e).remove("ruleId");
            }
        }, "ruleId");
    }

    @Test
    void aMissingSectionIsRejected() {
        assertRejected(r -> r.remove("coverage"), "coverage");
        assertRejected(r -> ((ObjectNode) r.get("summary")).remove("documentsSkipped"), "documentsSkipped");
    }

    @Test
    void valueObjectsAreClosedButSectionsAcceptNewFields() {
        assertRejected(r -> ((ObjectNode) firstFinding(r).get("location")).put("offset", 3), "offset");
        assertRejected(r -> ((ObjectNode) firstFinding(r).get("object")).put("uid", "x"), "uid");
        assertRejected(r -> ((ObjectNode) r.at("/summary/bySeverity")).put("info", 0), "info");

        JsonNode extended = mutated(r -> {
            r.put("baseline", "old.json");
            firstFinding(r).put("justification", "accepted");
            ((ObjectNode) r.get("summary")).put("suppressed", 0);
        });
        assertThat(ReportSchemaValidator.problemsOf(extended)).isEmpty();
    }

    @Test
    void assertValidFailsWithEveryMessage() {
        JsonNode broken = mutated(r -> {
            firstFinding(r).put("severity", "critical");
            ((ObjectNode) firstFinding(r).get("location")).put("line", 0);
        });
        assertThatThrownBy(() -> ReportSchemaValidator.assertValid(broken))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("2 problems")
                .hasMessageContaining("/findings/0/severity")
                .hasMessageContaining("/findings/0/location/line");
    }

    @Test
    void schemaIsAValidDraft07Schema() {
        // the draft-07 meta-schema ships inside json-schema-validator: nothing is downloaded
        Set<ValidationMessage> messages = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"))
                .validate(ReportSchemaValidator.schemaDocument());
        assertThat(messages).isEmpty();
    }

    @Test
    void schemaNamesEveryFieldOfTheReportRecords() {
        JsonNode schema = ReportSchemaValidator.schemaDocument();
        assertThat(propertiesOf(schema)).isEqualTo(componentsOf(Report.class));
        assertThat(propertiesOf(schema.at("/properties/tool"))).isEqualTo(componentsOf(Report.Tool.class));
        assertThat(propertiesOf(schema.at("/properties/scan"))).isEqualTo(componentsOf(Report.Scan.class));
        assertThat(propertiesOf(schema.at("/properties/summary"))).isEqualTo(componentsOf(Report.Summary.class));
        assertThat(propertiesOf(schema.at("/properties/coverage"))).isEqualTo(componentsOf(Report.Coverage.class));
        assertThat(propertiesOf(schema.at("/definitions/node"))).isEqualTo(componentsOf(Report.NodeInfo.class));
        assertThat(propertiesOf(schema.at("/definitions/skipped"))).isEqualTo(componentsOf(Report.Skipped.class));
        assertThat(propertiesOf(schema.at("/definitions/finding"))).isEqualTo(componentsOf(Finding.class));
        assertThat(propertiesOf(schema.at("/definitions/location"))).isEqualTo(componentsOf(Location.class));
        assertThat(propertiesOf(schema.at("/definitions/objectRef"))).isEqualTo(componentsOf(ObjectRef.class));
        assertThat(propertiesOf(schema.at("/definitions/problem"))).isEqualTo(componentsOf(ScanProblem.class));
        assertThat(enumOf(schema.at("/definitions/severity")))
                .isEqualTo(labels(Arrays.stream(Severity.values()).map(Severity::label).toList()));
        assertThat(enumOf(schema.at("/definitions/source")))
                .isEqualTo(labels(Arrays.stream(SourceKind.values()).map(SourceKind::reportName).toList()));
        assertThat(enumOf(schema.at("/definitions/problem/properties/type")))
                .isEqualTo(labels(Arrays.stream(ScanProblem.Type.values()).map(ScanProblem.Type::label).toList()));
    }

    private static Set<String> propertiesOf(JsonNode objectSchema) {
        Set<String> names = new TreeSet<>();
        objectSchema.get("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> componentsOf(Class<? extends Record> type) {
        Set<String> names = new TreeSet<>();
        Arrays.stream(type.getRecordComponents()).forEach(c -> names.add(c.getName()));
        return names;
    }

    private static Set<String> enumOf(JsonNode schema) {
        Set<String> values = new TreeSet<>();
        for (Iterator<JsonNode> it = schema.get("enum").elements(); it.hasNext(); ) {
            values.add(it.next().asText());
        }
        return values;
    }

    private static Set<String> labels(List<String> values) {
        return new TreeSet<>(values);
    }

    private static ObjectNode firstFinding(ObjectNode report) {
        return (ObjectNode) ((ArrayNode) report.get("findings")).get(0);
    }

    private static JsonNode mutated(Consumer<ObjectNode> change) {
        ObjectNode copy = report.deepCopy();
        change.accept(copy);
        return copy;
    }

    private static void assertRejected(Consumer<ObjectNode> change, String mentioned) {
        List<String> problems = ReportSchemaValidator.problemsOf(mutated(change));
        assertThat(problems).isNotEmpty();
        assertThat(String.join("\n", problems)).contains(mentioned);
    }
}
