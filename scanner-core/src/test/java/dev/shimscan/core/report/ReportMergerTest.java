package dev.shimscan.core.report;

import static dev.shimscan.core.testing.TestReports.inCluster;
import static dev.shimscan.core.testing.TestReports.inFile;
import static dev.shimscan.core.testing.TestReports.node;
import static dev.shimscan.core.testing.TestReports.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.testing.ReportSchemaValidator;
import dev.shimscan.core.testing.TestReports;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportMergerTest {
    private static final Report PROD = TestReports.cluster("prod-eu", List.of(
                    inCluster("DS101", Severity.ERROR, "mounts the Docker socket", object("DaemonSet", "mon", "agent"),
                            "prod-eu", 12),
                    inCluster("DS103", Severity.WARNING, "mounts Docker's data", object("DaemonSet", "mon", "agent"),
                            "prod-eu", 12)),
            List.of(node("prod-eu", "eu-1", "docker", "v1.23.4"), node("prod-eu", "eu-2", "containerd", "v1.29.1")),
            List.of("DS101", "DS103", "DS401"));
    private static final Report STAGING = TestReports.cluster("staging", List.of(
                    inCluster("DS101", Severity.ERROR, "mounts the Docker socket", object("DaemonSet", "mon", "agent"),
                            "staging", 2),
                    inCluster("DS401", Severity.ERROR, "node runs dockershim", object("Node", null, "st-1"),
                            "staging", 0)),
            List.of(node("staging", "st-1", "docker", "v1.22.0")),
            List.of("DS101", "DS103", "DS401"));

    @Test
    void twoClusterReportsGiveSummedCountsAndFindingsKeepTheirClusters() throws Exception {
        Report merged = ReportMerger.merge(List.of(PROD, STAGING));

        assertThat(merged.summary().findings()).isEqualTo(4);
        assertThat(merged.summary().bySeverity()).containsExactly(Map.entry("error", 3), Map.entry("warning", 1),
                Map.entry("note", 0));
        assertThat(merged.summary().byRule()).containsExactly(Map.entry("DS101", 2), Map.entry("DS103", 1),
                Map.entry("DS401", 1));
        assertThat(merged.summary().objectsScanned())
                .isEqualTo(PROD.summary().objectsScanned() + STAGING.summary().objectsScanned());
        assertThat(merged.findings()).extracting(Finding::cluster, Finding::ruleId, Finding::podCount)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("prod-eu", "DS101", 12),
                        org.assertj.core.groups.Tuple.tuple("prod-eu", "DS103", 12),
                        org.assertj.core.groups.Tuple.tuple("staging", "DS101", 2),
                        org.assertj.core.groups.Tuple.tuple("staging", "DS401", 0));
        assertThat(merged.clusters()).extracting(Report.ClusterSummary::name).containsExactly("prod-eu", "staging");
        assertThat(merged.nodes()).extracting(n -> n.cluster() + "/" + n.name())
                .containsExactly("prod-eu/eu-1", "prod-eu/eu-2", "staging/st-1");
        assertThat(merged.scan().source()).isEqualTo(SourceKind.CLUSTER);
        assertThat(merged.scan().targets()).containsExactly("prod-eu", "staging");
        assertThat(merged.scan().durationMs()).isEqualTo(2 * 1234);
        assertThat(merged.coverage().inspected()).containsEntry("DaemonSet",
                PROD.coverage().inspected().get("DaemonSet") + STAGING.coverage().inspected().get("DaemonSet"));
        ReportSchemaValidator.assertValid(ReportReaderTest.json(merged));
    }

    @Test
    void theOrderOfTheInputsDoesNotChangeTheResultExceptTheTargets() throws Exception {
        Report ab = ReportMerger.merge(List.of(PROD, STAGING));
        Report ba = ReportMerger.merge(List.of(STAGING, PROD));

        assertThat(ba.findings()).isEqualTo(ab.findings());
        assertThat(ba.nodes()).isEqualTo(ab.nodes());
        assertThat(ba.clusters()).isEqualTo(ab.clusters());
        assertThat(ba.summary()).isEqualTo(ab.summary());
        assertThat(ba.scan().targets()).containsExactly("staging", "prod-eu");
    }

    @Test
    void ciShardsOfManifestsKeepTheirFilesAndProblemsAndStayAManifestReport() throws Exception {
        Report a = TestReports.manifests(List.of(inFile("DS101", Severity.ERROR, "socket",
                object("Deployment", "ci", "runner"), "k8s/b.yaml", 9, 3)), List.of(), List.of("DS101", "DS102"));
        Report b = TestReports.manifests(List.of(inFile("DS102", Severity.WARNING, "run dir",
                        object("Pod", "ci", "debug"), "k8s/a.yaml", 4, 5)),
                List.of(ScanProblem.at("k8s/bad.yaml", 2, 1, ScanProblem.Type.PARSE, "bad")), List.of("DS101", "DS102"));

        Report merged = ReportMerger.merge(List.of(a, b));

        assertThat(merged.scan().source()).isEqualTo(SourceKind.MANIFEST);
        assertThat(merged.findings()).extracting(f -> f.location().file()).containsExactly("k8s/a.yaml", "k8s/b.yaml");
        assertThat(merged.coverage().errors()).extracting(ScanProblem::file).containsExactly("k8s/bad.yaml");
        assertThat(merged.summary().filesScanned()).isEqualTo(6);
        assertThat(merged.incomplete()).isTrue();
        ReportSchemaValidator.assertValid(ReportReaderTest.json(merged));
    }

    @Test
    void aClusterAndAHostReportMergeIntoAClusterReport() {
        Report host = new Report(Report.SCHEMA_VERSION, PROD.tool(),
                new Report.Scan(SourceKind.HOST, List.of("/host"), "2025-12-31T23:00:00Z", 5), PROD.summary(),
                List.of(), List.of(), PROD.coverage());

        Report merged = ReportMerger.merge(List.of(host, PROD));

        assertThat(merged.scan().source()).isEqualTo(SourceKind.CLUSTER);
        assertThat(merged.scan().startedAt()).isEqualTo("2025-12-31T23:00:00Z");
    }
}
