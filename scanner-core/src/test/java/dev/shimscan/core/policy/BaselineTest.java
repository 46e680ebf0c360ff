package dev.shimscan.core.policy;

import static dev.shimscan.core.testing.TestReports.inFile;
import static dev.shimscan.core.testing.TestReports.object;
import static dev.shimscan.core.testing.TestReports.suppressed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shimscan.core.model.BaselineStatus;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.report.JsonReportWriter;
import dev.shimscan.core.report.RenderOptions;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.testing.ReportSchemaValidator;
import dev.shimscan.core.testing.TestReports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineTest {
    private static final Finding SOCKET = inFile("DS101", Severity.ERROR, "socket", object("DaemonSet", "mon", "agent"),
            "k8s/agent.yaml", 10, 5);
    private static final Finding DATA_DIR = inFile("DS102", Severity.WARNING, "data dir",
            object("DaemonSet", "mon", "agent"), "k8s/agent.yaml", 20, 5);
    private static final Finding OTHER = inFile("DS101", Severity.ERROR, "socket", object("Pod", "ci", "builder"),
            "k8s/builder.yaml", 3, 5);

    private static Report report(List<Finding> findings) {
        return TestReports.manifests(findings, List.of(), List.of("DS101", "DS102"));
    }

    @Test
    void marksNewAndExistingFindingsAndListsTheGoneOnesAsFixed() {
        Baseline baseline = Baseline.of("base.json", report(List.of(SOCKET, DATA_DIR)));
        Report compared = baseline.compare(report(List.of(SOCKET, OTHER)));

        assertThat(compared.findings()).extracting(f -> f.object().name() + " " + f.ruleId() + " " + f.baseline())
                .containsExactly("agent DS101 EXISTING", "builder DS101 NEW");
        assertThat(compared.fixed()).extracting(f -> f.ruleId() + " " + f.baseline())
                .containsExactly("DS102 FIXED");
        assertThat(compared.summary().baseline()).isEqualTo(new Report.BaselineSummary("base.json", 1, 1, 1));
        assertThat(compared.findings()).filteredOn(Finding::canFailRun).extracting(f -> f.object().name())
                .containsExactly("builder");
        ReportSchemaValidator.assertValid(json(compared));
    }

    @Test
    void countsRepeatedFingerprints() {
        Baseline baseline = Baseline.of("b", report(List.of(SOCKET)));
        Report compared = baseline.compare(report(List.of(SOCKET, SOCKET)));
        assertThat(compared.findings()).extracting(Finding::baseline)
                .containsExactlyInAnyOrder(BaselineStatus.EXISTING, BaselineStatus.NEW);
        assertThat(compared.fixed()).isEmpty();
    }

    @Test
    void suppressedFindingsAreNotPartOfABaseline() {
        Baseline baseline = Baseline.of("b", report(List.of(suppressed(SOCKET), DATA_DIR)));
        assertThat(baseline.findings()).containsExactly(DATA_DIR);
        Report compared = baseline.compare(report(List.of(SOCKET, DATA_DIR)));
        assertThat(compared.findings()).extracting(f -> f.ruleId() + " " + f.baseline())
                .containsExactly("DS101 NEW", "DS102 EXISTING");
    }

    @Test
    void theSlimFileReadsBackAndAJsonReportIsABaselineToo() throws Exception {
        Baseline written = Baseline.of("b", report(List.of(SOCKET, DATA_DIR, OTHER)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        written.write(out, "2026-01-01T00:00:00Z");
        String slim = out.toString(StandardCharsets.UTF_8);
        assertThat(slim).contains("\"baselineVersion\" : \"1\"").contains("\"fingerprint\" : \"" + SOCKET.fingerprint())
                .doesNotContain("remediation").doesNotContain("evidence");

        Baseline read = Baseline.read("b.json", slim);
        assertThat(read.findings()).extracting(Finding::fingerprint)
                .containsExactly(SOCKET.fingerprint(), DATA_DIR.fingerprint(), OTHER.fingerprint());
        assertThat(read.findings().get(0).location().file()).isEqualTo("k8s/agent.yaml");
        assertThat(read.findings().get(0).location().line()).isEqualTo(10);

        Baseline fromReport = Baseline.read("report.json", json(report(List.of(SOCKET, suppressed(OTHER)))));
        assertThat(fromReport.findings()).extracting(Finding::fingerprint).containsExactly(SOCKET.fingerprint());
    }

    @Test
    void refusesWhatIsNotABaseline() {
        assertThatThrownBy(() -> Baseline.read("x.json", "{\"baselineVersion\": \"9\", \"findings\": []}"))
                .hasMessageContaining("x.json").hasMessageContaining("baselineVersion");
        assertThatThrownBy(() -> Baseline.read("x.json", "not json"))
                .hasMessageContaining("x.json");
        assertThatThrownBy(() -> Baseline.read("x.json", "{\"hello\": 1}"))
                .hasMessageContaining("x.json").hasMessageContaining("baseline create");
    }

    private static String json(Report r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new JsonReportWriter().render(r, RenderOptions.PLAIN, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
