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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suppressions as a user writes them: the {@code shimscan.io/ignore} annotation on an object (with and without a
 * reason) and {@code suppressions} entries of {@code .shimscan.yaml} (by glob; expired). Suppressed findings stay in
 * the JSON report with their reason, are counted apart, are left out of SARIF and never fail the run.
 */
class SuppressionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Three DaemonSets with the Docker socket (DS101, lines 21, 42 and 61): one annotated with a reason, one without. */
    static final String AGENTS = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: node-exporter
              namespace: monitoring
              annotations:
                shimscan.io/ignore: "DS101"
                shimscan.io/ignore-reason: "reads container stats until the cAdvisor migration (OPS-1234)"
            spec:
              template:
                spec:
                  containers:
                    - name: exporter
                      image: prom/node-exporter:v1.8.0
                      volumeMounts:
                        - name: sock
                          mountPath: /var/run/docker.sock
                  volumes:
                    - name: sock
                      hostPath:
                        path: /var/run/docker.sock
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: log-agent
              namespace: logging
              annotations:
                shimscan.io/ignore: all
            spec:
              template:
                spec:
                  containers:
                    - name: agent
                      image: fluent/fluent-bit:2.2
                      volumeMounts:
                        - name: sock
                          mountPath: /var/run/docker.sock
                  volumes:
                    - name: sock
                      hostPath:
                        path: /var/run/docker.sock
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: security-agent
              namespace: security
            spec:
              template:
                spec:
                  containers:
                    - name: agent
                      image: example.com/scanner:3
                      volumeMounts:
                        - name: sock
                          mountPath: /var/run/docker.sock
                  volumes:
                    - name: sock
                      hostPath:
                        path: /var/run/docker.sock
            """;

    @TempDir
    Path dir;

    private Path repo(String config) {
        Cli.write(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Cli.write(dir.resolve("k8s/agents.yaml"), AGENTS);
        if (config != null) {
            Cli.write(dir.resolve(".shimscan.yaml"), config);
        }
        return dir.resolve("k8s");
    }

    private static JsonNode json(Cli.Run run) throws IOException {
        JsonNode report = JSON.readTree(run.out());
        ReportSchemaValidator.assertValid(report);
        return report;
    }

    /** {@code name line suppressed source reason origin} of each finding. */
    private static List<String> findings(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            JsonNode s = f.path("suppression");
            out.add(f.at("/object/name").asText() + " " + f.path("ruleId").asText() + " " + f.at("/location/line").asInt()
                    + (f.path("suppressed").asBoolean() ? " suppressed " + s.path("source").asText() + " "
                    + (s.has("reason") ? "'" + s.path("reason").asText() + "'" : "(no reason)") + " "
                    + s.path("origin").asText() : " active"));
        }
        return out;
    }

    @Test
    void annotationsSuppressWithAndWithoutAReasonAndOnlyTheUnsuppressedFindingFailsTheRun() throws IOException {
        Cli.Run run = Cli.shimscan("manifests", repo(null).toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        JsonNode report = json(run);
        assertThat(findings(report)).containsExactly(
                "node-exporter DS101 21 suppressed annotation 'reads container stats until the cAdvisor migration "
                        + "(OPS-1234)' DaemonSet/monitoring/node-exporter",
                "log-agent DS101 42 suppressed annotation (no reason) DaemonSet/logging/log-agent",
                "security-agent DS101 61 active");
        assertThat(report.at("/summary/findings").asInt()).isEqualTo(1);
        assertThat(report.at("/summary/suppressed").asInt()).isEqualTo(2);
        assertThat(report.at("/summary/byRule/DS101").asInt()).isEqualTo(1);
        assertThat(report.at("/summary/bySeverity/error").asInt()).isEqualTo(1);
        assertThat(run.err()).contains("1 finding (1 error) in 1 file, 3 objects; 2 suppressed");
    }

    @Test
    void suppressedFindingsAreLeftOutOfSarifUnlessAskedFor() throws IOException {
        Path k8s = repo(null);
        Cli.Run sarif = Cli.shimscan("manifests", k8s.toString(), "-o", "sarif=-", "--sarif-root", dir.toString());
        JsonNode results = JSON.readTree(sarif.out()).at("/runs/0/results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(61);
        assertThat(sarif.err()).contains("2 suppressed finding(s) are not in the SARIF output");

        Cli.Run all = Cli.shimscan("manifests", k8s.toString(), "-o", "sarif=-", "--sarif-root", dir.toString(),
                "--include-suppressed");
        assertThat(JSON.readTree(all.out()).at("/runs/0/results")).hasSize(3);
    }

    @Test
    void aConfigEntryMatchingByGlobsSuppressesWithItsReasonAndSuppressedFindingsNeverFailTheRun() throws IOException {
        Path k8s = repo("""
                suppressions:
                  - rule: "DS1*"
                    kind: daemonset
                    namespace: "sec*"
                    name: "*-agent"
                    file: "k8s/*.yaml"
                    reason: "vendor agent, replaced in Q3 (SEC-77)"
                    expires: 2026-06-30
                """);
        Cli.Run run = Cli.shimscan("manifests", k8s.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(0);
        JsonNode report = json(run);
        assertThat(findings(report)).contains(
                "security-agent DS101 61 suppressed config 'vendor agent, replaced in Q3 (SEC-77)' "
                        + dir.resolve(".shimscan.yaml") + ":2");
        JsonNode suppression = report.at("/findings/2/suppression");
        assertThat(suppression.path("expires").asText()).isEqualTo("2026-06-30");
        assertThat(report.at("/summary/findings").asInt()).isEqualTo(0);
        assertThat(report.at("/summary/suppressed").asInt()).isEqualTo(3);
        assertThat(report.has("expiredSuppressions")).isFalse();
    }

    @Test
    void anEntryWhoseGlobsDoNotMatchSuppressesNothing() throws IOException {
        Path k8s = repo("""
                suppressions:
                  - {rule: DS101, name: "security-agent", file: "other/**", reason: "elsewhere"}
                  - {rule: DS102, name: "security-agent", reason: "another rule"}
                  - {rule: DS101, namespace: monitoring, name: "security-agent", reason: "another namespace"}
                """);
        Cli.Run run = Cli.shimscan("manifests", k8s.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(findings(json(run))).contains("security-agent DS101 61 active");
    }

    @Test
    void anExpiredEntryNoLongerSuppressesAndIsReportedAsExpiredInTheReportAndOnStderr() throws IOException {
        Path k8s = repo("""
                # accepted last year
                suppressions:
                  - rule: DS101
                    name: security-agent
                    reason: "vendor agent (SEC-77)"
                    expires: 2025-12-31
                """);
        Cli.Run run = Cli.shimscan("manifests", k8s.toString(), "--format", "json"); // the clock says 2026-01-01
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        JsonNode report = json(run);
        assertThat(findings(report)).contains("security-agent DS101 61 active");
        assertThat(report.path("expiredSuppressions")).hasSize(1);
        JsonNode expired = report.at("/expiredSuppressions/0");
        assertThat(expired.path("origin").asText()).isEqualTo(dir.resolve(".shimscan.yaml") + ":3");
        assertThat(expired.path("rule").asText()).isEqualTo("DS101");
        assertThat(expired.path("reason").asText()).isEqualTo("vendor agent (SEC-77)");
        assertThat(expired.path("expires").asText()).isEqualTo("2025-12-31");
        assertThat(expired.path("matching").asInt()).isEqualTo(1);
        assertThat(run.err()).contains("shimscan: " + dir.resolve(".shimscan.yaml") + ":3: the suppression of DS101 "
                + "expired on 2025-12-31 and no longer applies (1 finding)");

        Cli.Run console = Cli.shimscan("manifests", k8s.toString());
        assertThat(console.out()).contains("Expired suppressions (they no longer apply)\n"
                + "  " + dir.resolve(".shimscan.yaml") + ":3  DS101  expired on 2025-12-31, 1 finding: vendor agent "
                + "(SEC-77)\n");

        Cli.Run theDayBefore = Cli.cli().clock(java.time.Clock.fixed(java.time.Instant.parse("2025-12-31T12:00:00Z"),
                java.time.ZoneOffset.UTC)).run("manifests", k8s.toString(), "--format", "json");
        assertThat(theDayBefore.exitCode()).as(theDayBefore.toString()).isEqualTo(0);
        assertThat(findings(json(theDayBefore))).contains(
                "security-agent DS101 61 suppressed config 'vendor agent (SEC-77)' " + dir.resolve(".shimscan.yaml")
                        + ":3");
    }

    @Test
    void theConsoleShowsTheReasonOfASuppressedFinding() {
        Cli.Run run = Cli.shimscan("manifests", repo(null).toString());
        assertThat(run.out())
                .contains("DS101  hostPath volume 'sock' mounts the Docker socket /var/run/docker.sock into container "
                        + "'exporter' (suppressed: reads container stats until the cAdvisor migration (OPS-1234))")
                .contains("into container 'agent' (suppressed)\n");
    }

    @Test
    void theAnnotationOfAnObjectDoesNotSuppressAnotherObjectsFindings() throws IOException {
        Files.writeString(repo(null).resolve("agents.yaml"), AGENTS.replace("shimscan.io/ignore: \"DS101\"",
                "shimscan.io/ignore: \"DS102,DS204\""));
        Cli.Run run = Cli.shimscan("manifests", dir.resolve("k8s").toString(), "--format", "json");
        assertThat(findings(json(run))).contains("node-exporter DS101 21 active");
    }
}
