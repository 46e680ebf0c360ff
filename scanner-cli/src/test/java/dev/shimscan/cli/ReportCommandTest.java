package dev.shimscan.cli;

import static dev.shimscan.cli.Cli.cli;
import static dev.shimscan.cli.Cli.shimscan;
import static dev.shimscan.cli.Cli.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.report.JsonReportWriter;
import dev.shimscan.core.report.RenderOptions;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.testing.JUnitXmlValidator;
import dev.shimscan.core.testing.ReportSchemaValidator;
import dev.shimscan.core.testing.TestReports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shimscan report}: re-rendering and merging saved JSON reports. */
class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static final Report PROD = TestReports.cluster("prod-eu", List.of(
                    TestReports.inCluster("DS101", Severity.ERROR, "hostPath volume 'sock' mounts the Docker socket",
                            TestReports.object("DaemonSet", "mon", "agent"), "prod-eu", 12),
                    TestReports.inCluster("DS103", Severity.WARNING, "mounts Docker's data",
                            TestReports.object("DaemonSet", "mon", "agent"), "prod-eu", 12)),
            List.of(TestReports.node("prod-eu", "eu-1", "docker", "v1.23.4"),
                    TestReports.node("prod-eu", "eu-2", "containerd", "v1.29.1")),
            List.of("DS101", "DS103"));
    static final Report STAGING = TestReports.cluster("staging", List.of(
                    TestReports.inCluster("DS101", Severity.ERROR, "hostPath volume 'sock' mounts the Docker socket",
                            TestReports.object("DaemonSet", "mon", "agent"), "staging", 2)),
            List.of(TestReports.node("staging", "st-1", "containerd", "v1.29.1")),
            List.of("DS101", "DS103"));

    static String json(Report r) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new JsonReportWriter().render(r, RenderOptions.PLAIN, out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void mergeOfTwoClusterReportsSumsTheCountsAndKeepsEachFindingsCluster() throws IOException {
        Path prod = write(dir.resolve("prod.json"), json(PROD));
        Path staging = write(dir.resolve("staging.json"), json(STAGING));
        Path fleet = dir.resolve("fleet.json");

        Cli.Run run = shimscan("report", "merge", prod.toString(), staging.toString(), "-o", "json=" + fleet);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("shimscan: wrote the json report to " + fleet + "\n"
                + "shimscan: 3 findings (2 error, 1 warning) in 23 objects\n");
        JsonNode merged = JSON.readTree(fleet.toFile());
        ReportSchemaValidator.assertValid(merged);
        assertThat(merged.at("/summary/findings").asInt()).isEqualTo(3);
        assertThat(merged.at("/summary/bySeverity/error").asInt()).isEqualTo(2);
        assertThat(merged.at("/summary/byRule/DS101").asInt()).isEqualTo(2);
        assertThat(merged.at("/summary/objectsScanned").asInt()).isEqualTo(12 + 11);
        assertThat(merged.get("findings")).extracting(f -> f.get("cluster").asText() + " " + f.get("ruleId").asText()
                + " " + f.get("podCount").asInt()).containsExactly("prod-eu DS101 12", "staging DS101 2",
                "prod-eu DS103 12");
        assertThat(merged.get("clusters")).extracting(c -> c.get("name").asText()).containsExactly("prod-eu", "staging");
        assertThat(merged.get("nodes")).extracting(n -> n.get("cluster").asText() + "/" + n.get("name").asText())
                .containsExactly("prod-eu/eu-1", "prod-eu/eu-2", "staging/st-1");
        assertThat(merged.at("/scan/source").asText()).isEqualTo("cluster");
    }

    @Test
    void mergeReadsAStreamOfSeveralReportsFromStdinAndSkipsLogLines() throws IOException {
        String logs = "shimscan: auditing node eu-1\n" + json(PROD) + "shimscan: wrote the json report\n" + json(STAGING);

        Cli.Run run = cli().stdin(logs.getBytes(StandardCharsets.UTF_8)).run("report", "merge", "-", "-o", "json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        JsonNode merged = JSON.readTree(run.out());
        ReportSchemaValidator.assertValid(merged);
        assertThat(merged.at("/summary/findings").asInt()).isEqualTo(3);
        assertThat(run.err()).startsWith("shimscan: stdin: skipped 2 lines that are not JSON reports (first: "
                + "'shimscan: auditing node eu-1')\n");
    }

    @Test
    void reRenderingASavedReportGivesEveryFormatFromTheSameReport() throws IOException {
        Path saved = write(dir.resolve("scan.json"), json(PROD));
        Path html = dir.resolve("report.html");
        Path junit = dir.resolve("junit.xml");

        Cli.Run run = shimscan("report", saved.toString(), "-o", "html=" + html, "-o", "junit=" + junit,
                "-o", "markdown", "--fail-on", "warning");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(Files.readString(html)).contains("<h1>1 workload and 1 node still depend on Docker Engine</h1>")
                .contains("prod-eu still runs dockershim on 1 of 2 nodes");
        assertThat(run.out()).startsWith("## ⚠️ shimscan: 1 workload and 1 node still depend on Docker Engine\n");
        String xml = Files.readString(junit);
        JUnitXmlValidator.assertValid(xml);
        assertThat(xml).contains("failures=\"2\"");
        Cli.Run json = shimscan("report", saved.toString(), "-o", "json");
        assertThat(json.out()).isEqualTo(json(PROD));
    }

    @Test
    void clusterFindingsHaveNoRepositoryFileSoSarifAndGitLabLeaveThemOutAndSaySoOnStderr() throws IOException {
        Path saved = write(dir.resolve("prod.json"), json(PROD));
        Path gitlab = dir.resolve("gl-code-quality-report.json");

        Cli.Run run = shimscan("report", saved.toString(), "-o", "sarif", "-o", "gitlab=" + gitlab);

        dev.shimscan.core.testing.SarifSchemaValidator.assertValid(run.out());
        assertThat(JSON.readTree(run.out()).at("/runs/0/results")).isEmpty();
        assertThat(JSON.readTree(gitlab.toFile())).isEmpty();
        assertThat(run.err()).contains("shimscan: SARIF: 2 finding(s) have no repository file")
                .contains("shimscan: GitLab Code Quality: 2 finding(s) have no repository file");
        assertThat(run.out()).doesNotContain("shimscan:");
    }

    @Test
    void aFileWithSeveralReportsIsNotReRenderedSilentlyAsOne() {
        Path two = write(dir.resolve("two.json"), json(PROD) + json(STAGING));

        Cli.Run run = shimscan("report", two.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(two + " holds 2 reports; merge them into one with 'shimscan report merge " + two
                + "'");
    }

    @Test
    void badInputsAreUsageErrorsThatNameTheProblem() {
        Path v2 = write(dir.resolve("v2.json"), json(PROD).replace("\"schemaVersion\" : \"1\"", "\"schemaVersion\" : \"2\""));
        Path text = write(dir.resolve("notes.txt"), "hello\n");

        assertThat(shimscan("report", v2.toString()).err())
                .contains(v2 + " (report 1, from line 1): schemaVersion \"2\" is not supported");
        assertThat(shimscan("report", text.toString()).err()).contains(text + ": no JSON report found");
        Cli.Run missing = shimscan("report", "merge", dir.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such report: " + dir.resolve("nope.json"));
        assertThat(shimscan("report").err()).contains("missing REPORT");
        assertThat(shimscan("report", "merge", "-", "-").err()).contains("- (stdin) can be given only once");
    }

    @Test
    void aCleanReportExitsZeroAndFailOnNeverIgnoresFindings() {
        Path clean = write(dir.resolve("clean.json"), json(TestReports.manifests(List.of(), List.of(), List.of("DS101"))));
        Path findings = write(dir.resolve("f.json"), json(PROD));

        assertThat(shimscan("report", clean.toString()).exitCode()).isZero();
        assertThat(shimscan("report", findings.toString(), "--fail-on", "never", "-o", "json").exitCode()).isZero();
    }
}
