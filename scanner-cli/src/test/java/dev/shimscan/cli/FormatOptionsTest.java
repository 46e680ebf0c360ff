package dev.shimscan.cli;

import static dev.shimscan.cli.Cli.cli;
import static dev.shimscan.cli.Cli.shimscan;
import static dev.shimscan.cli.Cli.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimscan.core.testing.CodeQualityValidator;
import dev.shimscan.core.testing.JUnitXmlValidator;
import dev.shimscan.core.testing.SarifSchemaValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report formats of issue 5 through the command line: what goes where, and the options they take. */
class FormatOptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path repo;
    private Path manifests;

    @BeforeEach
    void repository() throws IOException {
        Files.createDirectories(repo.resolve(".git"));
        manifests = repo.resolve("deploy/my app");
        write(manifests.resolve("agent.yaml"), ManifestsCommandTest.SOCKET_AGENT);
    }

    @Test
    void everyFormatInOneRunEachFileByItsExtensionOrName() throws IOException {
        Path out = Files.createDirectories(repo.resolve("out"));

        Cli.Run run = shimscan("manifests", manifests.toString(), "--sarif-root", repo.toString(),
                "-o", out.resolve("results.sarif").toString(), "-o", out.resolve("report.html").toString(),
                "-o", out.resolve("summary.md").toString(), "-o", out.resolve("gl-code-quality-report.json").toString(),
                "-o", out.resolve("junit.xml").toString(), "-o", out.resolve("report.json").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("wrote the sarif report", "wrote the html report", "wrote the markdown report",
                "wrote the gitlab report", "wrote the junit report", "wrote the json report");
        String sarif = Files.readString(out.resolve("results.sarif"));
        SarifSchemaValidator.assertValid(sarif);
        JsonNode result = JSON.readTree(sarif).at("/runs/0/results/0");
        assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("deploy/my%20app/agent.yaml");
        assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(19);
        String gitlab = Files.readString(out.resolve("gl-code-quality-report.json"));
        CodeQualityValidator.assertValid(gitlab);
        assertThat(JSON.readTree(gitlab).at("/0/location/path").asText()).isEqualTo("deploy/my app/agent.yaml");
        JUnitXmlValidator.assertValid(Files.readString(out.resolve("junit.xml")));
        assertThat(Files.readString(out.resolve("report.html"))).startsWith("<!DOCTYPE html>");
        assertThat(Files.readString(out.resolve("summary.md"))).startsWith("## ⚠️ shimscan: 1 workload");
    }

    @Test
    void stdinFindingsAreLeftOutOfSarifWithANoticeOnStderrAndStdoutIsOnlyTheSarif() throws IOException {
        Cli.Run run = cli().stdin(ManifestsCommandTest.SOCKET_AGENT.getBytes(StandardCharsets.UTF_8))
                .run("manifests", "-", "--sarif-root", repo.toString(), "-o", "sarif");

        assertThat(run.exitCode()).isEqualTo(1);
        SarifSchemaValidator.assertValid(run.out());
        assertThat(JSON.readTree(run.out()).at("/runs/0/results")).isEmpty();
        assertThat(run.out()).doesNotContain("shimscan:");
        assertThat(run.err()).startsWith("shimscan: SARIF: 1 finding(s) have no repository file (stdin, cluster or "
                + "host) and are not in the SARIF output; name the file that stdin stands for with --stdin-path\n");
    }

    @Test
    void stdinPathNamesTheRepositoryFileAndCategoryAndSuppressedOptionsReachTheSarif() throws IOException {
        Cli.Run run = cli().stdin(ManifestsCommandTest.SOCKET_AGENT.getBytes(StandardCharsets.UTF_8))
                .run("manifests", "-", "--sarif-root", repo.toString(), "--stdin-path", "charts/rendered.yaml",
                        "--sarif-category", "manifests", "--include-suppressed", "-o", "sarif=-");

        SarifSchemaValidator.assertValid(run.out());
        JsonNode runNode = JSON.readTree(run.out()).at("/runs/0");
        assertThat(runNode.at("/automationDetails/id").asText()).isEqualTo("manifests/");
        assertThat(runNode.at("/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("charts/rendered.yaml");
        assertThat(run.err()).doesNotContain("SARIF:");
    }

    @Test
    void templateOptionIsCheckedBeforeScanning() throws IOException {
        Path template = write(repo.resolve("t.md.ftl"), "${report.verdict.headline}\n");

        Cli.Run noHtml = shimscan("manifests", manifests.toString(), "--template", template.toString());
        assertThat(noHtml.exitCode()).isEqualTo(2);
        assertThat(noHtml.err()).contains("--template is used by the html and markdown reports");

        Cli.Run missing = shimscan("manifests", manifests.toString(), "--template", repo.resolve("nope.ftlh").toString(),
                "-o", "html");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--template " + repo.resolve("nope.ftlh") + ": no such readable file");

        Cli.Run custom = shimscan("manifests", manifests.toString(), "--template", template.toString(), "-o", "markdown");
        assertThat(custom.exitCode()).isEqualTo(1);
        assertThat(custom.out()).isEqualTo("1 workload and 0 nodes still depend on Docker Engine\n");
    }

    @Test
    void sarifRootMustBeADirectory() {
        Cli.Run run = shimscan("manifests", manifests.toString(), "--sarif-root", repo.resolve("nope").toString(),
                "-o", "sarif");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--sarif-root " + repo.resolve("nope") + ": no such directory");
    }
}
