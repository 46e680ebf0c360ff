package dev.shimscan.reports;

import static dev.shimscan.core.testing.TestReports.inCluster;
import static dev.shimscan.core.testing.TestReports.inFile;
import static dev.shimscan.core.testing.TestReports.node;
import static dev.shimscan.core.testing.TestReports.object;
import static dev.shimscan.core.testing.TestReports.suppressed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.model.Severity;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.testing.TestReports;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportViewTest {
    @Test
    void verdictCountsDistinctWorkloadsAndDockerNodesAndNamesConfigObjects() {
        Report report = TestReports.cluster("prod", List.of(
                inCluster("DS101", Severity.ERROR, "socket", object("DaemonSet", "mon", "agent"), "prod", 3),
                inCluster("DS103", Severity.WARNING, "data", object("DaemonSet", "mon", "agent"), "prod", 3),
                inCluster("DS106", Severity.WARNING, "names it", object("ConfigMap", "ci", "runner"), "prod", 0),
                inCluster("DS401", Severity.ERROR, "dockershim", object("Node", null, "n1"), "prod", 0),
                suppressed(inCluster("DS101", Severity.ERROR, "socket", object("Pod", "x", "ignored"), "prod", 1))),
                List.of(node("prod", "n1", "docker", "v1.23.4"), node("prod", "n2", "docker", "v1.26.0"),
                        node("prod", "n3", "containerd", "v1.29.0")), List.of("DS101"));

        ReportView.Verdict v = ReportView.verdict(report);

        assertThat(v.headline()).isEqualTo("1 workload and 2 nodes still depend on Docker Engine");
        assertThat(v.details()).containsExactly(
                "1 configuration object also refers to Docker Engine: ConfigMap/ci/runner in prod.",
                "prod still runs dockershim on 2 of 3 nodes");
        assertThat(v.clean()).isFalse();
    }

    @Test
    void aCleanCompleteScanSaysSoAndAnIncompleteOneWarns() {
        Report clean = TestReports.manifests(List.of(), List.of(), List.of("DS101"));
        assertThat(ReportView.verdict(clean).headline()).isEqualTo("No workload or node depends on Docker Engine");
        assertThat(ReportView.verdict(clean).details()).containsExactly("Nothing that was scanned depends on Docker Engine.");

        Report incomplete = TestReports.manifests(List.of(inFile("DS101", Severity.ERROR, "s",
                        object("Deployment", "a", "b"), "a.yaml", 1, 1)),
                List.of(dev.shimscan.core.model.ScanProblem.inFile("x.yaml", dev.shimscan.core.model.ScanProblem.Type.IO,
                        "denied")), List.of());
        assertThat(ReportView.verdict(incomplete).headline()).isEqualTo("1 workload and 0 nodes still depend on Docker Engine");
        assertThat(ReportView.verdict(incomplete).details())
                .containsExactly("The scan is incomplete: 1 input could not be read (see Coverage), so there may be more.");
    }

    @Test
    void nodeChartSplitsDockerIntoDockershimAndCriDockerdByKubeletVersion() {
        ReportView.NodeChart chart = ReportView.nodeChart(List.of(node("c", "a", "docker", "v1.23.4"),
                node("c", "b", "docker", "v1.23.1"), node("c", "d", "docker", "v1.24.0"),
                node("c", "e", "containerd", "v1.29.0"), new Report.NodeInfo("f", null, null, null, null, null, "c")));

        assertThat(chart.total()).isEqualTo(5);
        assertThat(chart.bars()).extracting(b -> b.label() + "=" + b.count() + "/" + b.width() + "/" + b.cssClass())
                .containsExactly("docker (dockershim)=2/250/rt-dockershim", "docker (cri-dockerd)=1/125/rt-cridockerd",
                        "containerd=1/125/rt-cri", "unknown=1/125/rt-other");
        assertThat(chart.bars()).extracting(ReportView.Bar::percent).containsExactly(40, 20, 20, 20);
        assertThat(ReportView.nodeChart(List.of(node("c", "a", "docker", "v1.23.4"), node("c", "b", "cri-o", "v1.29.0"),
                node("c", "d", "cri-o", "v1.29.0"))).bars()).extracting(ReportView.Bar::percent).containsExactly(33, 67);
        assertThat(ReportView.nodeChart(List.of()).bars()).isEmpty();
    }
}
