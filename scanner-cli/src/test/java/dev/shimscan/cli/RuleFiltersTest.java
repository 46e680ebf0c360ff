package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --rule}, {@code --skip-rule} (repeatable, globs over ids and names) and {@code --min-severity}. */
class RuleFiltersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** DS101 error, DS201 error, DS204 warning, DS301 note. */
    private Path manifest() {
        Cli.write(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        return Cli.write(dir.resolve("pod.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: ci, namespace: ci}
                spec:
                  containers:
                    - name: build
                      image: docker:24-cli
                      command: ["docker", "ps"]
                      env: [{name: DOCKER_HOST, value: "unix:///var/run/docker.sock"}]
                      volumeMounts: [{name: sock, mountPath: /var/run/docker.sock}]
                  volumes: [{name: sock, hostPath: {path: /var/run/docker.sock}}]
                """);
    }

    private List<String> rules(String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("manifests", manifest().toString(), "--format", "json"));
        args.addAll(List.of(options));
        Cli.Run run = Cli.shimscan(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isIn(0, 1);
        List<String> out = new ArrayList<>();
        JsonNode report = JSON.readTree(run.out());
        report.path("findings").forEach(f -> out.add(f.path("ruleId").asText() + " " + f.path("severity").asText()));
        return out;
    }

    @Test
    void withoutFiltersEveryRuleRuns() throws IOException {
        assertThat(rules()).containsExactlyInAnyOrder("DS101 error", "DS201 error", "DS204 warning", "DS301 note");
    }

    @Test
    void ruleAndSkipRuleTakeRepeatedGlobsOverIdsAndNames() throws IOException {
        assertThat(rules("--rule", "DS2*")).containsExactlyInAnyOrder("DS201 error", "DS204 warning");
        assertThat(rules("--rule", "DS2*", "--rule", "docker-socket-mount"))
                .containsExactlyInAnyOrder("DS101 error", "DS201 error", "DS204 warning");
        assertThat(rules("--skip-rule", "ds2*", "--skip-rule", "DS301")).containsExactly("DS101 error");
        assertThat(rules("--rule", "DS*", "--skip-rule", "docker-*-mount")).doesNotContain("DS101 error");
    }

    @Test
    void minSeverityDropsLessSevereFindings() throws IOException {
        assertThat(rules("--min-severity", "warning")).containsExactlyInAnyOrder("DS101 error", "DS201 error",
                "DS204 warning");
        assertThat(rules("--min-severity", "ERROR")).containsExactlyInAnyOrder("DS101 error", "DS201 error");
    }

    @Test
    void aFilterThatNamesNoRuleIsAUsageError() {
        Cli.Run unknown = Cli.shimscan("manifests", manifest().toString(), "--rule", "DS99*");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--rule DS99*: unknown rule (known rules: DS101, ");

        Cli.Run all = Cli.shimscan("manifests", manifest().toString(), "--skip-rule", "*");
        assertThat(all.exitCode()).isEqualTo(2);
        assertThat(all.err()).contains("no rule is left to run");

        Cli.Run severity = Cli.shimscan("manifests", manifest().toString(), "--min-severity", "info");
        assertThat(severity.exitCode()).isEqualTo(2);
        assertThat(severity.err()).contains("expected error, warning or note but was 'info'");
    }

    @Test
    void theCliWinsOverTheConfigurationFile() throws IOException {
        Cli.write(dir.resolve(".shimscan.yaml"), "minSeverity: error\nrules:\n  disable: [DS201]\n");
        assertThat(rules()).containsExactly("DS101 error");
        assertThat(rules("--min-severity", "note")).containsExactlyInAnyOrder("DS101 error", "DS204 warning",
                "DS301 note");
    }
}
