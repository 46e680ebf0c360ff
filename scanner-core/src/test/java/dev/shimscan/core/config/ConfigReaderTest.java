package dev.shimscan.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Location;
import dev.shimscan.core.model.ObjectRef;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.policy.SuppressionEntry;
import dev.shimscan.core.testing.ReportSchemaValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
    private static final ConfigReader READER = new ConfigReader(new ConfigReader.Vocabulary(
            Set.of("DS101", "DS102", "DS201", "DS302", "DS702", "DS801"),
            Set.of("docker-socket-mount", "docker-data-dir-mount", "docker-cli-command", "known-node-agent",
                    "docker-metric-or-log-alert", "docker-security-profile-name"),
            Set.of("console", "json", "sarif", "html", "markdown", "gitlab", "junit")));
    private static final Path FILE = Path.of("/repo/.shimscan.yaml");

    private static ShimscanConfig read(String yaml) throws ConfigException {
        return READER.read(FILE, ".shimscan.yaml", yaml);
    }

    private static List<String> problems(String yaml) {
        try {
            read(yaml);
            throw new AssertionError("expected the file to be refused:\n" + yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    @Test
    void aMisspeltKeyIsNamedWithItsLineAndTheKeyItProbablyMeant() {
        assertThat(problems("""
                version: 1
                rules:
                  disable: [DS702]
                # accepted for now
                suppresions:
                  - rule: DS101
                    reason: agent
                """)).containsExactly(".shimscan.yaml:5: unknown key 'suppresions' (did you mean 'suppressions'?); "
                + "known keys: version, rules, minSeverity, failOn, paths, exclude, output, suppressions, baseline");
    }

    @Test
    void nestedKeysAndBadValuesAreNamedWithTheirLinesAllAtOnce() {
        assertThat(problems("""
                rules:
                  disabel: [DS702]
                  severity:
                    DS302: critical
                    DS999: error
                minSeverity: low
                failOn: sometimes
                paths:
                  exclude: {a: b}
                exclude:
                  objects:
                    - kind: DaemonSet
                      nmae: agent
                output:
                  format: jsn
                  noColor: "yes"
                  files: [report.json]
                suppressions:
                  - rule: DS101
                  - rule: DS9*
                    reason: x
                    expires: 30.06.2026
                """)).containsExactly(
                ".shimscan.yaml:2: unknown key 'disabel' in 'rules' (did you mean 'disable'?); known keys: enable, "
                        + "disable, severity",
                ".shimscan.yaml:4: key 'rules.severity.DS302': 'critical' is not one of error, warning, note",
                ".shimscan.yaml:5: key 'rules.severity.DS999': no rule has this id (known: DS101, DS102, DS201, "
                        + "DS302, DS702, DS801)",
                ".shimscan.yaml:6: key 'minSeverity': 'low' is not one of error, warning, note",
                ".shimscan.yaml:7: key 'failOn': 'sometimes' is not one of error, warning, note, never",
                ".shimscan.yaml:9: key 'paths.exclude': expected a list of strings",
                ".shimscan.yaml:13: unknown key 'nmae' in 'exclude.objects' (did you mean 'name'?); known keys: "
                        + "kind, namespace, name",
                ".shimscan.yaml:15: key 'output.format': 'jsn' is not one of " + formats(),
                ".shimscan.yaml:17: key 'output.files': 'report.json' is not FORMAT=PATH (e.g. json=shimscan.json)",
                ".shimscan.yaml:16: key 'output.noColor': expected true or false, was 'yes'",
                ".shimscan.yaml:19: key 'suppressions': the entry for 'DS101' needs a 'reason' (why the dependency "
                        + "is accepted, e.g. a ticket)",
                ".shimscan.yaml:20: key 'rule': 'DS9*' matches no rule id (known: DS101, DS102, DS201, DS302, "
                        + "DS702, DS801)",
                ".shimscan.yaml:22: key 'expires': '30.06.2026' is not a date YYYY-MM-DD");
    }

    private static String formats() {
        return "console, gitlab, html, json, junit, markdown, sarif";
    }

    @Test
    void aValidFileBecomesRulesPathsPolicyAndDefaults() throws ConfigException {
        ShimscanConfig c = read("""
                version: 1
                rules:
                  enable: ["DS1*", docker-cli-command]
                  disable: DS102
                  severity: {DS2*: note}
                minSeverity: warning
                failOn: never
                paths:
                  include: [k8s/]
                  exclude: ["**/testdata/"]
                exclude:
                  namespaces: [kube-system]
                  objects: [{kind: DaemonSet, name: "legacy-*"}]
                output: {format: json, files: [sarif=out/shimscan.sarif], noColor: true}
                baseline: ci/baseline.json
                suppressions:
                  - rule: DS101
                    namespace: monitoring
                    file: "k8s/**"
                    reason: "node agent, OPS-1"
                    expires: 2026-06-30
                """);
        assertThat(c.failOn()).isEqualTo("never");
        assertThat(c.output()).isEqualTo(new ShimscanConfig.Output("json", List.of("sarif=out/shimscan.sarif"), true,
                null));
        assertThat(c.baseline()).isEqualTo(Path.of("/repo/ci/baseline.json"));
        assertThat(c.policy().minSeverity()).isEqualTo(Severity.WARNING);
        assertThat(c.scans("k8s/a.yaml")).isTrue();
        assertThat(c.scans("k8s/testdata/a.yaml")).isFalse();
        assertThat(c.scans("docs/a.yaml")).isFalse();
        assertThat(c.scans(null)).as("stdin and files outside the directory").isTrue();
        SuppressionEntry e = c.policy().suppressions().get(0);
        assertThat(e.origin()).isEqualTo(".shimscan.yaml:17");
        assertThat(e.expires()).isEqualTo(LocalDate.of(2026, 6, 30));
        Finding f = new Finding("DS101", Severity.ERROR, "m", new ObjectRef("v1", "Pod", "monitoring", "x"),
                new Location("k8s/x.yaml", 1, 1, 0), null, null, null, null, null, null, null, "f", false);
        assertThat(e.matches(f, x -> "k8s/x.yaml")).isTrue();
        assertThat(e.matches(f, x -> "other/x.yaml")).isFalse();
    }

    @Test
    void syntaxErrorsAndNonMappingsAreRefusedWithTheirLine() {
        assertThat(problems("rules:\n  disable: [DS702\n")).singleElement().asString()
                .startsWith(".shimscan.yaml:");
        assertThat(problems("- a\n- b\n")).containsExactly(".shimscan.yaml:1: the file must be a mapping of keys "
                + "(rules:, suppressions:, ...)");
        assertThat(problems("version: 1\nrules: [DS101]\n")).containsExactly(".shimscan.yaml:2: key 'rules': "
                + "expected a mapping (enable, disable, severity)");
    }

    @Test
    void anEmptyFileIsAnEmptyConfiguration() throws ConfigException {
        ShimscanConfig c = read("# nothing yet\n");
        assertThat(c.file()).isEqualTo(FILE);
        assertThat(c.policy().suppressions()).isEmpty();
        assertThat(c.failOn()).isNull();
    }

    /** The starter of 'shimscan config init' is valid as written, and with every example line switched on. */
    @Test
    void theStarterFileIsValidAsItIsAndWithEveryExampleUncommented() throws Exception {
        String starter = starter();
        ShimscanConfig plain = read(starter);
        assertThat(plain.failOn()).isEqualTo("error");
        String examples = uncommented(starter);
        ShimscanConfig all = read(examples);
        assertThat(all.policy().suppressions()).hasSize(1);
        assertThat(all.output().files()).containsExactly("json=shimscan-report.json");
        assertThat(schemaProblems(examples)).isEmpty();
        assertThat(schemaProblems(starter)).isEmpty();
    }

    @Test
    void theSchemaRefusesWhatTheReaderRefuses() throws Exception {
        assertThat(schemaProblems("suppresions: []\n")).isNotEmpty();
        assertThat(schemaProblems("suppressions: [{rule: DS101}]\n")).isNotEmpty();
        assertThat(schemaProblems("failOn: sometimes\n")).isNotEmpty();
        assertThat(schemaProblems("exclude: {objects: [{nmae: x}]}\n")).isNotEmpty();
    }

    /** docs/config.schema.json lists exactly the keys the reader knows, mapping by mapping. */
    @Test
    void theSchemaListsExactlyTheKeysOfTheReader() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(schemaFile().toFile());
        Map<String, JsonNode> mappings = Map.of(
                "", schema,
                "rules", schema.at("/properties/rules"),
                "paths", schema.at("/properties/paths"),
                "exclude", schema.at("/properties/exclude"),
                "exclude.objects[]", schema.at("/definitions/objectSelector"),
                "output", schema.at("/properties/output"),
                "suppressions[]", schema.at("/properties/suppressions/items"));
        assertThat(mappings.keySet()).isEqualTo(ConfigReader.KEYS.keySet());
        mappings.forEach((path, node) -> {
            Set<String> keys = new TreeSet<>();
            node.path("properties").fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as("keys of '%s'", path).isEqualTo(new TreeSet<>(ConfigReader.KEYS.get(path)));
            assertThat(node.path("additionalProperties").asBoolean(true)).as("'%s' is closed", path).isFalse();
        });
    }

    static String starter() throws IOException {
        try (InputStream in = ShimscanConfig.class.getResourceAsStream("starter.shimscan.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Lines that start with '# ' (examples) without it; '##' lines (explanations) stay comments. */
    static String uncommented(String text) {
        return text.lines().map(l -> l.startsWith("# ") ? l.substring(2) : l)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static List<String> schemaProblems(String yaml) throws IOException {
        JsonNode config = new YAMLMapper().readTree(yaml);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(Files.readString(schemaFile()));
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : schema.validate(config == null ? new ObjectMapper().createObjectNode() : config)) {
            out.add(m.getMessage());
        }
        return out;
    }

    private static Path schemaFile() {
        return ReportSchemaValidator.schemaFile().resolveSibling("config.schema.json");
    }

}
