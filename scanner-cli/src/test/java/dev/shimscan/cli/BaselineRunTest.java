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

/**
 * {@code shimscan baseline create} and {@code --baseline}: the team accepts today's findings, moves and reformats
 * files, fixes one dependency and adds another; only the added one is new, and only it fails the run.
 */
class BaselineRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Two findings today: the socket of the log agent (DS101) and the docker CLI of the builder (DS201). */
    private static final String AGENT = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: log-agent, namespace: logging}
            spec:
              template:
                spec:
                  containers:
                    - name: agent
                      image: fluent/fluent-bit:2.2
                      volumeMounts: [{name: sock, mountPath: /var/run/docker.sock}]
                  volumes:
                    - name: sock
                      hostPath: {path: /var/run/docker.sock}
            """;
    private static final String BUILDER = """
            apiVersion: v1
            kind: Pod
            metadata: {name: builder, namespace: ci}
            spec:
              containers:
                - name: build
                  image: alpine:3.20
                  command: ["sh", "-c", "docker build -t app ."]
                  volumeMounts: [{name: sock, mountPath: /var/run/docker.sock}]
              volumes:
                - name: sock
                  hostPath: {path: /var/run/docker.sock}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void repository() {
        Cli.write(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Cli.write(dir.resolve("k8s/agent.yaml"), AGENT);
        Cli.write(dir.resolve("k8s/builder.yaml"), BUILDER);
    }

    private static JsonNode json(Cli.Run run) throws IOException {
        JsonNode report = JSON.readTree(run.out());
        ReportSchemaValidator.assertValid(report);
        return report;
    }

    private static List<String> marks(JsonNode findings) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : findings) {
            out.add(f.path("ruleId").asText() + " " + f.at("/object/name").asText() + " " + f.path("baseline").asText());
        }
        return out;
    }

    @Test
    void oneNewOneExistingAndOneFixedFindingAndOnlyTheNewOneFailsTheRun() throws IOException {
        Path baseline = dir.resolve(".shimscan-baseline.json");
        Cli.Run create = Cli.shimscan("baseline", "create", "-o", baseline.toString(), dir.resolve("k8s").toString());
        assertThat(create.exitCode()).as(create.toString()).isEqualTo(0);
        assertThat(create.err()).contains("wrote the baseline of 3 findings to " + baseline);
        JsonNode written = JSON.readTree(baseline.toFile());
        assertThat(written.path("baselineVersion").asText()).isEqualTo("1");
        assertThat(written.path("findings")).hasSize(3);

        // the agent is reformatted and moved to another file and further down (existing), the builder's socket
        // is gone (its DS101 fixed, its DS201 no longer says 'against the node's socket' but keeps its place and
        // evidence: existing), and a new pod mounts the socket (new)
        Files.delete(dir.resolve("k8s/agent.yaml"));
        Cli.write(dir.resolve("deploy/logging/agent.yaml"), """
                # moved here from k8s/, reformatted

                kind: DaemonSet
                apiVersion: apps/v1
                metadata:
                    namespace: logging
                    name: log-agent
                spec:
                    template:
                        spec:
                            volumes:
                            -   hostPath:
                                    path: /var/run/docker.sock
                                name: sock
                            containers:
                            -   image: fluent/fluent-bit:2.2
                                name: agent
                                volumeMounts:
                                -   mountPath: /var/run/docker.sock
                                    name: sock
                """);
        Cli.write(dir.resolve("k8s/builder.yaml"), BUILDER.replace("""
                  volumeMounts: [{name: sock, mountPath: /var/run/docker.sock}]
              volumes:
                - name: sock
                  hostPath: {path: /var/run/docker.sock}
            """, ""));
        Cli.write(dir.resolve("k8s/debug.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: debug, namespace: ops}
                spec:
                  containers: [{name: sh, image: busybox, volumeMounts: [{name: s, mountPath: /var/run/docker.sock}]}]
                  volumes: [{name: s, hostPath: {path: /var/run/docker.sock}}]
                """);

        Cli.Run run = Cli.shimscan("manifests", dir.resolve("k8s").toString(), dir.resolve("deploy").toString(),
                "--baseline", baseline.toString(), "--format", "json");
        JsonNode report = json(run);
        assertThat(marks(report.path("findings"))).containsExactlyInAnyOrder(
                "DS101 log-agent existing", "DS201 builder existing", "DS101 debug new");
        assertThat(marks(report.path("fixed"))).containsExactly("DS101 builder fixed");
        assertThat(report.at("/fixed/0/location/file").asText()).isEqualTo(dir.resolve("k8s/builder.yaml").toString());
        JsonNode summary = report.at("/summary/baseline");
        assertThat(summary.path("new").asInt()).isEqualTo(1);
        assertThat(summary.path("existing").asInt()).isEqualTo(2);
        assertThat(summary.path("fixed").asInt()).isEqualTo(1);
        assertThat(summary.path("file").asText()).isEqualTo(baseline.toString());
        assertThat(run.exitCode()).as("the new DS101 is an error: " + run.err()).isEqualTo(1);

        // the pull-request comment says the same, the new finding first
        Cli.Run comment = Cli.shimscan("manifests", dir.resolve("k8s").toString(), dir.resolve("deploy").toString(),
                "--baseline", baseline.toString(), "--format", "markdown");
        assertThat(comment.out()).contains("Compared with the baseline `" + baseline + "`: **1 new**, 2 existing, 1 "
                + "fixed (only new findings can fail the run).").contains("### Fixed since the baseline\n\n- error DS101 "
                + "`Pod/ci/builder`");
        assertThat(comment.out().lines().filter(l -> l.matches("\\| (error|warning|note) .*\\| DS\\d+ \\| .*"))
                .map(l -> l.substring(0, l.indexOf(" | DS") + 10)).toList())
                .containsExactly("| error (new) | DS101 |", "| error (existing) | DS101 |",
                        "| error (existing) | DS201 |");

        // without the new pod, nothing new: the existing errors do not fail the run
        Files.delete(dir.resolve("k8s/debug.yaml"));
        Cli.Run clean = Cli.shimscan("manifests", dir.resolve("k8s").toString(), dir.resolve("deploy").toString(),
                "--baseline", baseline.toString());
        assertThat(clean.exitCode()).as(clean.toString()).isEqualTo(0);
        assertThat(clean.out()).contains("(in the baseline)").contains("Fixed since the baseline\n  DS101  Pod/ci/builder  ")
                .contains("2 findings (2 error) in 2 files, 2 objects; 0 new since the baseline, 1 fixed");
    }

    @Test
    void aJsonReportIsABaselineTooAndTheConfigurationCanNameIt() throws IOException {
        Path report = dir.resolve("previous.json");
        Cli.Run first = Cli.shimscan("manifests", dir.resolve("k8s").toString(), "-o", "json=" + report);
        assertThat(first.exitCode()).isEqualTo(1);
        Cli.write(dir.resolve(".shimscan.yaml"), "baseline: previous.json\n");
        Cli.Run again = Cli.shimscan("manifests", dir.resolve("k8s").toString(), "--format", "json");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(0);
        assertThat(marks(json(again).path("findings"))).containsOnly("DS101 log-agent existing",
                "DS201 builder existing", "DS101 builder existing");

        Cli.write(dir.resolve(".shimscan.yaml"), "baseline: missing.json\n");
        Cli.Run missing = Cli.shimscan("manifests", dir.resolve("k8s").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file; write one with 'shimscan baseline create");
    }

    @Test
    void suppressedFindingsAreLeftOutOfTheBaselineAndABadBaselineIsAUsageError() throws IOException {
        Cli.write(dir.resolve(".shimscan.yaml"), """
                suppressions:
                  - {rule: DS201, reason: "the builder moves to kaniko (CI-9)"}
                """);
        Path baseline = dir.resolve("b.json");
        Cli.Run create = Cli.shimscan("baseline", "create", "-o", baseline.toString(), dir.resolve("k8s").toString());
        assertThat(create.err()).contains("wrote the baseline of 2 findings").contains("1 suppressed finding is not part of it");

        Files.writeString(baseline, "{\"baselineVersion\": \"2\", \"findings\": []}");
        Cli.Run bad = Cli.shimscan("manifests", dir.resolve("k8s").toString(), "--baseline", baseline.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("baselineVersion \"2\" is not supported");

        Cli.Run both = Cli.shimscan("baseline", "create", "-o", baseline.toString(), "--baseline", baseline.toString(),
                dir.resolve("k8s").toString());
        assertThat(both.exitCode()).isEqualTo(2);
    }

    @Test
    void aBaselineCanBeMadeFromASavedReport() throws IOException {
        Path report = dir.resolve("audit.json");
        Cli.shimscan("manifests", dir.resolve("k8s").toString(), "-o", "json=" + report);
        Path baseline = dir.resolve("from-report.json");
        Cli.Run create = Cli.shimscan("baseline", "create", "-o", baseline.toString(), "--from", report.toString());
        assertThat(create.exitCode()).as(create.toString()).isEqualTo(0);
        assertThat(JSON.readTree(baseline.toFile()).path("findings")).hasSize(3);
    }
}
