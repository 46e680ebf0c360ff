package dev.shimscan.core.report;

import static dev.shimscan.core.testing.TestReports.inCluster;
import static dev.shimscan.core.testing.TestReports.inFile;
import static dev.shimscan.core.testing.TestReports.node;
import static dev.shimscan.core.testing.TestReports.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.testing.TestReports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportReaderTest {
    static final Report MANIFESTS = TestReports.manifests(
            List.of(inFile("DS101", Severity.ERROR, "mounts the Docker socket", object("DaemonSet", "logging", "fluentd"),
                    "deploy/agent.yaml", 58, 19)),
            List.of(ScanProblem.at("bad.yaml", 3, 1, ScanProblem.Type.PARSE, "mapping values are not allowed here")),
            List.of("DS101", "DS102"));
    static final Report CLUSTER = TestReports.cluster("prod-eu",
            List.of(inCluster("DS101", Severity.ERROR, "mounts the Docker socket", object("DaemonSet", "mon", "agent"),
                    "prod-eu", 3)),
            List.of(node("prod-eu", "node-1", "docker", "v1.23.4"), node("prod-eu", "node-2", "containerd", "v1.29.1")),
            List.of("DS101"));

    static String json(Report r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReportWriter().render(r, RenderOptions.PLAIN, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWrittenReportReadsBackEqualIncludingOmittedEmptyLists() throws Exception {
        ReportReader.Documents docs = ReportReader.read("scan.json", json(MANIFESTS));

        assertThat(docs.reports()).containsExactly(MANIFESTS);
        assertThat(docs.skippedLines()).isZero();
        Report read = docs.reports().get(0);
        assertThat(read.clusters()).isEmpty();
        assertThat(read.coverage().notChecked()).isEmpty();
        assertThat(json(read)).isEqualTo(json(MANIFESTS));
    }

    @Test
    void aStreamOfSeveralReportsWithLogLinesBetweenThemAsKubectlLogsPrintsThem() throws Exception {
        String stream = "shimscan: auditing /host\n" + json(MANIFESTS) + "shimscan: 1 finding\n\n"
                + json(CLUSTER).replace("\n", "\r\n") + json(CLUSTER).strip() + json(MANIFESTS);

        ReportReader.Documents docs = ReportReader.read("stdin", stream);

        assertThat(docs.reports()).containsExactly(MANIFESTS, CLUSTER, CLUSTER, MANIFESTS);
        assertThat(docs.skippedLines()).isEqualTo(2);
        assertThat(docs.firstSkippedLine()).isEqualTo("shimscan: auditing /host");
    }

    @Test
    void compactDocumentsOnOneLineEachAndALeadingBom() throws Exception {
        String compact = JsonReportWriter.mapper().writeValueAsString(CLUSTER);
        ReportReader.Documents docs = ReportReader.read("x", "\uFEFF" + compact + "\n" + compact + "\n");
        assertThat(docs.reports()).containsExactly(CLUSTER, CLUSTER);
    }

    @Test
    void anotherSchemaVersionIsRefusedWithBothVersionsNamed() throws IOException {
        String v2 = json(MANIFESTS).replace("\"schemaVersion\" : \"1\"", "\"schemaVersion\" : \"2\"");
        assertThat(v2).contains("\"2\"");

        assertThatThrownBy(() -> ReportReader.read("old.json", v2))
                .isInstanceOf(ReportReader.BadReportException.class)
                .hasMessage("old.json (report 1, from line 1): schemaVersion \"2\" is not supported (this shimscan reads"
                        + " schemaVersion \"1\")");
    }

    @Test
    void brokenJsonNamesTheLineOfTheStream() throws IOException {
        String text = json(MANIFESTS) + "{\n  \"schemaVersion\": \"1\",\n  oops\n}\n";
        int firstLines = (int) json(MANIFESTS).lines().count();

        assertThatThrownBy(() -> ReportReader.read("stdin", text))
                .isInstanceOf(ReportReader.BadReportException.class)
                .hasMessageStartingWith("stdin (report 2, from line " + (firstLines + 1) + "): not valid JSON: ")
                .hasMessageEndingWith("at line " + (firstLines + 3));
    }

    @Test
    void jsonThatIsNotAReportAndTextWithoutJsonAreRefused() {
        assertThatThrownBy(() -> ReportReader.read("a.json", "{\"kind\": \"Pod\"}"))
                .hasMessage("a.json (report 1, from line 1): not a shimscan JSON report (no schemaVersion, summary or"
                        + " findings)");
        assertThatThrownBy(() -> ReportReader.read("b.txt", "hello\nworld\n"))
                .hasMessage("b.txt: no JSON report found (it starts with 'hello')");
        assertThatThrownBy(() -> ReportReader.read("c.json", ""))
                .hasMessage("c.json: no JSON report found (it is empty)");
    }

    @Test
    void aReportWithAMissingRequiredPartOrAWrongTypeIsRefused() throws IOException {
        String noScan = json(MANIFESTS).replaceFirst("\"scan\" :", "\"scanned\" :");
        assertThatThrownBy(() -> ReportReader.read("x.json", noScan))
                .hasMessage("x.json (report 1, from line 1): not a valid shimscan report: 'scan' is missing");
        String badSeverity = json(MANIFESTS).replace("\"severity\" : \"error\"", "\"severity\" : \"fatal\"");
        assertThatThrownBy(() -> ReportReader.read("y.json", badSeverity))
                .hasMessageStartingWith("y.json (report 1, from line 1): not a valid shimscan report: ");
    }

    @Test
    void fieldsOfANewerMinorVersionAreIgnoredAsTheContractAllows() throws Exception {
        String newer = json(MANIFESTS).replaceFirst("\\{", "{\n  \"futureField\" : {\"x\": 1},");
        assertThat(ReportReader.read("n.json", newer).reports()).containsExactly(MANIFESTS);
    }
}
