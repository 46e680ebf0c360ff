package dev.shimscan.core.report.gitlab;

import static dev.shimscan.core.testing.TestReports.inCluster;
import static dev.shimscan.core.testing.TestReports.inFile;
import static dev.shimscan.core.testing.TestReports.object;
import static dev.shimscan.core.testing.TestReports.suppressed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.report.RenderOptions;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.testing.CodeQualityValidator;
import dev.shimscan.core.testing.TestReports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitLab Code Quality, checked field by field with {@link CodeQualityValidator} and value by value. */
class CodeQualityRendererTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path repo;
    private final List<String> notices = new ArrayList<>();

    private String render(Report report, String stdinPath, boolean includeSuppressed, Path cwd) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CodeQualityRenderer(new CodeQualityOptions(repo, cwd, stdinPath, includeSuppressed, notices::add))
                .render(report, RenderOptions.PLAIN, out);
        String text = out.toString(StandardCharsets.UTF_8);
        CodeQualityValidator.assertValid(text);
        return text;
    }

    @Test
    void eachFindingFromARepositoryFileIsOneIssueWithGitLabsFields() throws IOException {
        Path deploy = Files.createDirectories(repo.resolve("deploy"));
        Report report = TestReports.manifests(List.of(
                inFile("DS101", Severity.ERROR, "mounts the Docker socket", object("DaemonSet", "logging", "fluentd"),
                        "deploy/agent.yaml", 58, 19),
                inFile("DS106", Severity.WARNING, "names the | socket <b>", object("ConfigMap", "ci", "runner"),
                        "./deploy/runner config.yaml", 25, 24),
                inFile("DS301", Severity.NOTE, "Docker CLI image", object("CronJob", "ops", "prune"),
                        "deploy/../deploy/prune.yaml", 19, 22)), List.of(), List.of("DS101"));

        JsonNode issues = JSON.readTree(render(report, null, false, repo));

        assertThat(issues).hasSize(3);
        JsonNode first = issues.get(2);
        assertThat(first.get("check_name").asText()).isEqualTo("shimscan/DS101");
        assertThat(first.get("description").asText())
                .isEqualTo("DS101: mounts the Docker socket (DaemonSet/logging/fluentd)");
        assertThat(first.get("severity").asText()).isEqualTo("critical");
        assertThat(first.at("/location/path").asText()).isEqualTo("deploy/agent.yaml");
        assertThat(first.at("/location/lines/begin").asInt()).isEqualTo(58);
        assertThat(first.get("fingerprint").asText()).matches("[0-9a-f]{32}");
        assertThat(issues).extracting(i -> i.get("check_name").asText() + " " + i.get("severity").asText() + " "
                        + i.at("/location/path").asText())
                .containsExactly("shimscan/DS106 major deploy/runner config.yaml", "shimscan/DS301 info deploy/prune.yaml",
                        "shimscan/DS101 critical deploy/agent.yaml");
        assertThat(issues.get(0).get("description").asText()).isEqualTo("DS106: names the | socket <b> (ConfigMap/ci/runner)");
        assertThat(notices).isEmpty();
        assertThat(deploy).exists();
    }

    @Test
    void pathsAreRelativeToTheRepositoryRootWhenTheScanRanInASubdirectory() throws IOException {
        Path sub = Files.createDirectories(repo.resolve("envs/prod"));
        Report report = TestReports.manifests(List.of(inFile("DS101", Severity.ERROR, "socket",
                object("Pod", "a", "b"), "agent.yaml", 3, 4)), List.of(), List.of());

        JsonNode issues = JSON.readTree(render(report, null, false, sub));

        assertThat(issues.get(0).at("/location/path").asText()).isEqualTo("envs/prod/agent.yaml");
    }

    @Test
    void theSameFindingTwiceInOneFileGetsTwoFingerprintsAndTheyStayTheSameAcrossRuns() throws IOException {
        Finding f = inFile("DS101", Severity.ERROR, "socket", object("Pod", "a", "b"), "a.yaml", 3, 4);
        Finding again = new Finding(f.ruleId(), f.severity(), f.message(), f.object(),
                new dev.shimscan.core.model.Location("a.yaml", 30, 4, 1), f.path(), f.container(), f.evidence(),
                f.remediation(), null, null, null, f.fingerprint(), false);
        Report report = TestReports.manifests(List.of(f, again), List.of(), List.of());

        String one = render(report, null, false, repo);
        String two = render(report, null, false, repo);

        assertThat(one).isEqualTo(two);
        JsonNode issues = JSON.readTree(one);
        assertThat(issues.get(0).get("fingerprint").asText()).isNotEqualTo(issues.get(1).get("fingerprint").asText());
    }

    @Test
    void clusterStdinOutsideAndSuppressedFindingsAreLeftOutAndSaidSo() throws IOException {
        Finding stdin = inFile("DS101", Severity.ERROR, "socket", object("Pod", "a", "b"), "-", 7, 3);
        Report report = TestReports.manifests(List.of(
                inCluster("DS101", Severity.ERROR, "socket", object("DaemonSet", "m", "x"), "prod", 2),
                stdin,
                inFile("DS101", Severity.ERROR, "socket", object("Pod", "a", "c"), "../../outside.yaml", 1, 1),
                suppressed(inFile("DS102", Severity.WARNING, "dir", object("Pod", "a", "d"), "in.yaml", 2, 2))),
                List.of(), List.of());

        assertThat(JSON.readTree(render(report, null, false, repo))).isEmpty();
        assertThat(notices).hasSize(3);
        assertThat(notices.get(0)).contains("2 finding(s) have no repository file").contains("--stdin-path");
        assertThat(notices.get(1)).contains("1 finding(s) are in files outside the repository root");
        assertThat(notices.get(2)).contains("1 suppressed finding(s)");

        notices.clear();
        JsonNode named = JSON.readTree(render(report, "./charts/../rendered.yaml", true, repo));
        assertThat(named).extracting(i -> i.at("/location/path").asText() + ":" + i.at("/location/lines/begin").asInt())
                .containsExactly("rendered.yaml:7", "in.yaml:2");
    }

    @Test
    void noFindingsIsAnEmptyArray() throws IOException {
        assertThat(render(TestReports.manifests(List.of(), List.of(), List.of("DS101")), null, false, repo))
                .isEqualTo("[ ]\n");
    }

    @Test
    void theValidatorCatchesWhatGitLabRejects() {
        assertThat(CodeQualityValidator.problemsOf("{}")).containsExactly("root is not an array");
        assertThat(CodeQualityValidator.problemsOf("[{\"description\":\"d\",\"check_name\":\"c\",\"fingerprint\":\"f\","
                + "\"severity\":\"high\",\"location\":{\"path\":\"/abs/x.yaml\",\"lines\":{\"begin\":0}}},"
                + "{\"description\":\"d\",\"check_name\":\"c\",\"fingerprint\":\"f\",\"severity\":\"info\","
                + "\"location\":{\"path\":\"a/../x.yaml\",\"lines\":{\"begin\":1}}}]"))
                .containsExactly(
                        "[0].severity 'high' is not one of " + java.util.Set.of("info", "minor", "major", "critical",
                                "blocker"),
                        "[0].location.path '/abs/x.yaml' is not a repository-relative path",
                        "[0].location.lines.begin is not an integer >= 1",
                        "[1].fingerprint f is not unique",
                        "[1].location.path 'a/../x.yaml' is not a repository-relative path");
    }
}
