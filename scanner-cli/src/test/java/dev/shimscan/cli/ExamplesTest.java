package dev.shimscan.cli;

import static dev.shimscan.cli.Cli.cli;
import static dev.shimscan.cli.Cli.shimscan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimscan.core.testing.ReportSchemaValidator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bundled examples/: what the README's first command shows, on disk and through stdin. */
class ExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Cli.projectDir().resolve("examples");

    /**
     * Every finding on the examples, exactly: rule, file, line, column and object. Together they fire every rule
     * that applies to manifests; the clean look-alikes fire nothing.
     */
    @Test
    void examplesFireEveryManifestRuleAtItsExactLineAndTheLookAlikesStayClean() throws IOException {
        Cli.Run run = shimscan("manifests", "--format", "json", EXAMPLES.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        JsonNode report = JSON.readTree(run.out());
        ReportSchemaValidator.assertValid(report);
        List<String> findings = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            String file = Path.of(f.at("/location/file").asText()).getFileName().toString();
            findings.add(file + ":" + f.at("/location/line").asInt() + ":" + f.at("/location/column").asInt()
                    + " " + f.get("ruleId").asText() + " " + objectOf(f));
        }
        assertThat(findings).containsExactly(
                "gitlab-runner.yaml:25:25 DS106 ConfigMap/ci/gitlab-runner-config",
                "gitlab-runner.yaml:26:24 DS106 ConfigMap/ci/gitlab-runner-config",
                "image-prune-cronjob.yaml:19:22 DS301 CronJob/maintenance/docker-image-prune",
                "image-prune-cronjob.yaml:20:26 DS201 CronJob/maintenance/docker-image-prune",
                "image-prune-cronjob.yaml:27:23 DS101 CronJob/maintenance/docker-image-prune",
                "kubectl-get-dump.yaml:33:22 DS101 Deployment/jenkins/jenkins-agent",
                "log-agent-daemonset.yaml:32:18 DS701 DaemonSet/logging/fluentd",
                "log-agent-daemonset.yaml:37:22 DS204 DaemonSet/logging/fluentd",
                "log-agent-daemonset.yaml:55:19 DS103 DaemonSet/logging/fluentd",
                "log-agent-daemonset.yaml:58:19 DS101 DaemonSet/logging/fluentd",
                "logging-and-alerts.yaml:19:9 DS701 ConfigMap/logging/fluent-bit-config",
                "logging-and-alerts.yaml:43:17 DS702 PrometheusRule/monitoring/docker-engine",
                "monitoring-agents.yaml:18:18 DS302 DaemonSet/datadog/datadog-agent",
                "monitoring-agents.yaml:41:18 DS302 DaemonSet/monitoring/cadvisor",
                "monitoring-agents.yaml:44:15 DS303 DaemonSet/monitoring/cadvisor",
                "node-debugger-pod.yaml:32:15 DS102 Pod/kube-system/node-debugger-worker-3",
                "node-debugger-pod.yaml:35:15 DS104 Pod/kube-system/node-debugger-worker-3",
                "node-debugger-pod.yaml:39:15 DS105 Pod/kube-system/node-debugger-worker-3",
                "node-setup-daemonset.yaml:15:5 DS205 ConfigMap/kube-system/node-setup-scripts",
                "node-setup-daemonset.yaml:30:51 DS801 DaemonSet/kube-system/node-setup",
                "node-setup-daemonset.yaml:41:15 DS203 DaemonSet/kube-system/node-setup",
                "node-setup-daemonset.yaml:44:63 DS202 DaemonSet/kube-system/node-setup",
                "node-setup-daemonset.yaml:54:19 DS104 DaemonSet/kube-system/node-setup",
                "node-setup-daemonset.yaml:67:7 DS501 ConfigMap/kube-system/docker-daemon-config",
                "node-setup-daemonset.yaml:68:7 DS501 ConfigMap/kube-system/docker-daemon-config",
                "node-setup-daemonset.yaml:69:7 DS502 ConfigMap/kube-system/docker-daemon-config",
                "node-setup-daemonset.yaml:70:7 DS502 ConfigMap/kube-system/docker-daemon-config",
                "node-setup-daemonset.yaml:71:7 DS502 ConfigMap/kube-system/docker-daemon-config",
                "nodes.yaml:12:49 DS402 Node/worker-1",
                "nodes.yaml:18:34 DS401 Node/worker-1");
        assertThat(report.at("/summary/filesScanned").asInt()).isEqualTo(11);
        assertThat(report.at("/summary/objectsScanned").asInt()).isEqualTo(19);
        assertThat(report.at("/coverage/errors")).isEmpty();
    }

    /** The examples show every rule that can fire on manifests, so the README's first command shows them all. */
    @Test
    void examplesCoverEveryManifestRule() throws IOException {
        JsonNode report = JSON.readTree(shimscan("manifests", "--format", "json", EXAMPLES.toString()).out());
        List<String> fired = new ArrayList<>();
        report.get("findings").forEach(f -> fired.add(f.get("ruleId").asText()));
        List<String> manifestRules = new ArrayList<>();
        dev.shimscan.core.rule.RuleRegistry.load().rules().stream()
                .filter(r -> r.meta().sources().contains(dev.shimscan.core.model.SourceKind.MANIFEST))
                .forEach(r -> manifestRules.add(r.meta().id()));
        assertThat(fired).containsAll(manifestRules);
    }

    @Test
    void everyExampleFileStartsWithADocumentMarker() throws IOException {
        for (Path file : exampleFiles()) {
            assertThat(Files.readString(file)).as(file.toString()).startsWith("---\n");
        }
    }

    @Test
    void catOfTheExamplesOnStdinGivesTheSameFindingsAsScanningTheDirectory() throws IOException {
        ByteArrayOutputStream cat = new ByteArrayOutputStream();
        for (Path file : exampleFiles()) {
            cat.write(Files.readAllBytes(file));
        }

        Cli.Run fromDisk = shimscan("manifests", "--format", "json", EXAMPLES.toString());
        Cli.Run fromStdin = cli().stdin(cat.toByteArray()).run("manifests", "--format", "json", "-");

        assertThat(fromStdin.exitCode()).isEqualTo(fromDisk.exitCode()).isEqualTo(1);
        JsonNode disk = JSON.readTree(fromDisk.out());
        JsonNode stdin = JSON.readTree(fromStdin.out());
        ReportSchemaValidator.assertValid(stdin);
        assertThat(identities(stdin)).isNotEmpty().containsExactlyInAnyOrderElementsOf(identities(disk));
        for (JsonNode f : stdin.get("findings")) {
            assertThat(f.at("/location/file").asText()).isEqualTo("-");
        }
        assertThat(stdin.at("/summary/objectsScanned")).isEqualTo(disk.at("/summary/objectsScanned"));
    }

    @Test
    void twoRunsGiveTheSameJsonExceptTheDuration() {
        Cli.Run one = shimscan("manifests", "--format", "json", "--threads", "1", EXAMPLES.toString());
        Cli.Run two = shimscan("manifests", "--format", "json", "--threads", "4", EXAMPLES.toString());

        assertThat(withoutTimes(two.out())).isEqualTo(withoutTimes(one.out()));
        assertThat(withoutTimes(one.out())).contains("\"durationMs\" : 0\n").contains("\"ruleId\" : \"DS101\"");
    }

    @Test
    void twoRunsGiveTheSameConsoleReport() {
        assertThat(shimscan("manifests", EXAMPLES.toString()).out())
                .isEqualTo(shimscan("manifests", EXAMPLES.toString()).out())
                .contains("examples/log-agent-daemonset.yaml\n")
                .endsWith(" in 11 files, 19 objects\n");
    }

    static String withoutTimes(String json) {
        return json.replaceAll("\"startedAt\" : \"[^\"]*\"", "\"startedAt\" : \"\"")
                .replaceAll("\"durationMs\" : \\d+", "\"durationMs\" : 0");
    }

    /** What a finding is, wherever it was read from: rule, object, path, container, evidence, message. */
    private static List<String> identities(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            out.add(String.join(" | ", f.get("ruleId").asText(), objectOf(f), f.path("path").asText(),
                    f.path("container").asText(), f.path("evidence").asText(), f.get("message").asText(),
                    f.get("fingerprint").asText()));
        }
        return out;
    }

    private static String objectOf(JsonNode f) {
        JsonNode o = f.get("object");
        return o.get("kind").asText() + "/" + (o.has("namespace") ? o.get("namespace").asText() + "/" : "")
                + o.get("name").asText();
    }

    /** The example manifests in the order {@code cat examples/*.yaml} reads them. */
    private static List<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
