package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimscan.core.testing.ReportSchemaValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .shimscan.yaml} as a team keeps it: found from the scan root upwards, checked line by line, applied. */
class ConfigFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void repository() {
        Cli.write(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Cli.write(dir.resolve("k8s/agents.yaml"), SuppressionsTest.AGENTS);
        Cli.write(dir.resolve("k8s/ci/builder.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: builder, namespace: ci}
                spec:
                  containers:
                    - name: build
                      image: docker:24-cli
                      command: ["docker", "build", "."]
                """);
        Cli.write(dir.resolve("k8s/chart/templates/deploy.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ .Release.Name }}
                """);
    }

    private Path config(String text) {
        return Cli.write(dir.resolve(".shimscan.yaml"), text);
    }

    private static JsonNode json(Cli.Run run) throws IOException {
        JsonNode report = JSON.readTree(run.out());
        ReportSchemaValidator.assertValid(report);
        return report;
    }

    private static List<String> findings(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            out.add(f.path("ruleId").asText() + " " + f.at("/object/name").asText() + " " + f.path("severity").asText()
                    + (f.path("suppressed").asBoolean() ? " suppressed" : ""));
        }
        return out;
    }

    @Test
    void aTypoInAKeyFailsWithTheKeyAndItsLineBeforeAnythingIsScanned() {
        config("""
                version: 1
                failOn: warning
                rules:
                  disable: [DS702]
                supressions:
                  - rule: DS101
                    reason: accepted
                """);
        Cli.Run run = Cli.shimscan("manifests", dir.resolve("k8s").toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("invalid configuration file:\n  " + dir.resolve(".shimscan.yaml")
                + ":5: unknown key 'supressions' (did you mean 'suppressions'?)");
    }

    @Test
    void aBadValueAndAnUnknownRuleAreUsageErrorsWithTheirLines() {
        config("""
                rules:
                  severity:
                    DS101: fatal
                suppressions:
                  - rule: DS1O1
                    reason: "O instead of 0"
                """);
        Cli.Run run = Cli.shimscan("manifests", dir.resolve("k8s").toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains(".shimscan.yaml:3: key 'rules.severity.DS101': 'fatal' is not one of error, "
                + "warning, note").contains(".shimscan.yaml:5: key 'rule': 'DS1O1' matches no rule id");
        assertThat(run.err()).as("paths outside the working directory are absolute")
                .contains(dir.resolve(".shimscan.yaml") + ":3:");
    }

    @Test
    void theFileIsFoundAboveTheScanRootAndCanBeNamedOrIgnored() throws IOException {
        config("rules:\n  disable: [DS101]\n");
        Cli.Run below = Cli.shimscan("manifests", dir.resolve("k8s/ci").toString(), "--format", "json");
        assertThat(findings(json(below))).isNotEmpty().noneMatch(f -> f.startsWith("DS101"));

        Cli.Run agents = Cli.shimscan("manifests", dir.resolve("k8s/agents.yaml").toString(), "--format", "json");
        assertThat(findings(json(agents))).isEmpty();

        Cli.Run ignored = Cli.shimscan("manifests", dir.resolve("k8s/agents.yaml").toString(), "--format", "json",
                "--no-config");
        assertThat(findings(json(ignored))).hasSize(3);

        Path other = Cli.write(dir.resolve("ci/strict.yaml"), "failOn: note\nrules:\n  disable: [DS2*]\n");
        Cli.Run named = Cli.shimscan("manifests", dir.resolve("k8s/agents.yaml").toString(), "--format", "json",
                "--config", other.toString());
        assertThat(findings(json(named))).hasSize(3);

        Cli.Run missing = Cli.shimscan("manifests", dir.resolve("k8s").toString(), "--config",
                dir.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--config " + dir.resolve("nope.yaml") + ": no such file");
    }

    @Test
    void rulesCanBeDisabledAndTheirSeveritiesOverridden() throws IOException {
        config("""
                rules:
                  disable: [docker-cli-image]
                  severity:
                    DS101: warning
                """);
        Cli.Run run = Cli.shimscan("manifests", dir.resolve("k8s").toString(), "--format", "json");
        JsonNode report = json(run);
        assertThat(findings(report)).containsExactlyInAnyOrder(
                "DS101 node-exporter warning suppressed", "DS101 log-agent warning suppressed",
                "DS101 security-agent warning", "DS201 builder error");
        assertThat(report.at("/summary/byRule").has("DS301")).as("a disabled rule does not run").isFalse();
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void namespacesAndObjectsCanBeExcludedAndFilesLeftUnread() throws IOException {
        config("""
                paths:
                  exclude: ["k8s/chart/templates/"]
                exclude:
                  namespaces: ["sec*"]
                  objects:
                    - {kind: Pod, name: "build*"}
                """);
        Cli.Run run = Cli.shimscan("manifests", dir.resolve("k8s").toString(), "--format", "json");
        assertThat(run.exitCode()).as("the Helm template is not read, so nothing is incomplete: " + run).isEqualTo(0);
        JsonNode report = json(run);
        assertThat(findings(report)).containsExactly("DS101 node-exporter error suppressed",
                "DS101 log-agent error suppressed");
        assertThat(report.at("/summary/filesScanned").asInt()).isEqualTo(2);
        assertThat(report.at("/coverage/errors")).isEmpty();
    }

    @Test
    void includedPathsAreTheOnlyOnesRead() throws IOException {
        config("paths:\n  include: [\"k8s/ci/\"]\n");
        Cli.Run run = Cli.shimscan("manifests", dir.resolve("k8s").toString(), "--format", "json");
        JsonNode report = json(run);
        assertThat(report.at("/summary/filesScanned").asInt()).isEqualTo(1);
        assertThat(findings(report)).containsExactlyInAnyOrder("DS201 builder error", "DS301 builder note");
    }

    @Test
    void failOnAndOutputDefaultsApplyUnlessTheCommandLineSaysOtherwise() throws IOException {
        config("""
                failOn: never
                paths: {exclude: [chart/]}
                output:
                  format: json
                  files: [markdown=reports/summary.md]
                """);
        Files.createDirectories(dir.resolve("reports"));
        Cli.Run run = Cli.shimscan("manifests", dir.resolve("k8s").toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(0);
        assertThat(dir.resolve("reports/summary.md")).exists();
        assertThat(run.out()).as("the file replaces stdout, as -o does").isEmpty();

        Cli.Run stdout = Cli.shimscan("manifests", dir.resolve("k8s").toString(), "-o", "-");
        assertThat(json(stdout).at("/summary/findings").asInt()).as("format json from the file").isEqualTo(3);
        assertThat(stdout.exitCode()).isEqualTo(0);

        Cli.Run strict = Cli.shimscan("manifests", dir.resolve("k8s").toString(), "-o", "console", "--fail-on",
                "error");
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.out()).contains("3 findings (2 error, 1 note)");
    }

    @Test
    void configInitWritesAStarterThatScansAsItIsAndNeverOverwrites() throws IOException {
        Path file = dir.resolve("k8s/.shimscan.yaml");
        Cli.Run init = Cli.shimscan("config", "init", file.toString());
        assertThat(init.exitCode()).as(init.toString()).isEqualTo(0);
        assertThat(Files.readString(file)).startsWith("## shimscan configuration").contains("# suppressions:")
                .contains("shimscan.io/ignore");
        Cli.Run again = Cli.shimscan("config", "init", file.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already exists; add --force");

        Cli.Run check = Cli.shimscan("config", "check", file.toString());
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(0);
        assertThat(check.out()).contains("valid; 0 suppression entries");

        Files.writeString(file, Files.readString(file) + "suppressions:\n  - rule: DS101\n    reason: x\n"
                + "    expires: 2025-01-01\n");
        Cli.Run expired = Cli.shimscan("config", "check", file.toString());
        assertThat(expired.out()).contains("1 suppression entry, 1 of them expired")
                .contains(file + ":" + (Files.readString(file).lines().toList().indexOf("  - rule: DS101") + 1)
                        + ": DS101 expired on 2025-01-01");

        Files.writeString(file, "version: 1\nfailon: error\n");
        Cli.Run bad = Cli.shimscan("config", "check", file.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(file + ":2: unknown key 'failon' (did you mean 'failOn'?)");
    }
}
