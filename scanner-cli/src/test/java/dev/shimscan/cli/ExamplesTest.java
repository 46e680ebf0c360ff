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
     * The mount family (DS101–DS106) on the examples, exactly. Later rule families may add findings to the
     * Docker-dependent examples, never to the clean look-alikes.
     */
    @Test
    void examplesFireEveryMountRuleAtItsExactLineAndTheLookAlikesStayClean() throws IOException {
        Cli.Run run = shimscan("manifests", "--format", "json", EXAMPLES.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        JsonNode report = JSON.readTree(run.out());
        ReportSchemaValidator.assertValid(report);
        List<String> mountFindings = new ArrayList<>();
        List<String> filesWithFindings = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            String file = Path.of(f.at("/location/file").asText()).getFileName().toString();
            filesWithFindings.add(file);
            if (f.get("ruleId").asText().startsWith("DS1")) {
                mountFindings.add(file + ":" + f.at("/location/line").asInt() + ":" + f.at("/location/column").asInt()
                        + " " + f.get("ruleId").asText() + " " + objectOf(f));
            }
        }
        assertThat(mountFindings).containsExactly(
                "gitlab-runner.yaml:25:25 DS106 ConfigMap/ci/gitlab-runner-config",
                "gitlab-runner.yaml:26:24 DS106 ConfigMap/ci/gitlab-runner-config",
                "image-prune-cronjob.yaml:27:23 DS101 CronJob/maintenance/docker-image-prune",
                "kubectl-get-dump.yaml:33:22 DS101 Deployment/jenkins/jenkins-agent",
                "log-agent-daemonset.yaml:55:19 DS103 DaemonSet/logging/fluentd",
                "log-agent-daemonset.yaml:58:19 DS101 DaemonSet/logging/fluentd",
                "node-debugger-pod.yaml:32:15 DS102 Pod/kube-system/node-debugger-worker-3",
                "node-debugger-pod.yaml:35:15 DS104 Pod/kube-system/node-debugger-worker-3",
                "node-debugger-pod.yaml:39:15 DS105 Pod/kube-system/node-debugger-worker-3");
        assertThat(filesWithFindings).doesNotContain("clean-containerd-agent.yaml", "clean-dind-build-pod.yaml");
        assertThat(report.at("/summary/filesScanned").asInt()).isEqualTo(7);
        assertThat(report.at("/summary/objectsScanned").asInt()).isEqualTo(10);
        assertThat(report.at("/coverage/errors")).isEmpty();
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
                .endsWith(" in 7 files, 10 objects\n");
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
