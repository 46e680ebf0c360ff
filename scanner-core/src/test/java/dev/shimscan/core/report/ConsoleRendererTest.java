package dev.shimscan.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Location;
import dev.shimscan.core.model.ObjectRef;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleRendererTest {
    private static final ObjectRef AGENT = new ObjectRef("apps/v1", "DaemonSet", "logging", "fluentd");
    private static final ObjectRef RUNNER_CONFIG = new ObjectRef("v1", "ConfigMap", "ci", "runner-config");
    private static final ObjectRef NODE = new ObjectRef("v1", "Node", null, "worker-1");

    private final ConsoleRenderer renderer = new ConsoleRenderer();

    @Test
    void groupsFindingsByFileWithObjectContainerAndPathOnASecondLine() {
        Report report = manifestReport(
                List.of(
                        fileFinding("DS106", Severity.WARNING, "ConfigMap key 'config.toml' names the Docker socket",
                                RUNNER_CONFIG, "ci/runner.yaml", 25, 24, "data[\"config.toml\"]", null),
                        fileFinding("DS101", Severity.ERROR, "hostPath volume 'dockersock' mounts the Docker socket",
                                AGENT, "deploy/agent.yaml", 58, 19, "spec.template.spec.volumes[2].hostPath.path",
                                "fluentd"),
                        fileFinding("DS103", Severity.WARNING, "hostPath volume 'containers' mounts Docker's data",
                                AGENT, "deploy/agent.yaml", 9, 7, "spec.template.spec.volumes[1].hostPath.path",
                                "fluentd")),
                List.of(), 3, 4);

        String text = renderer.text(report, RenderOptions.PLAIN);

        assertThat(text).isEqualTo("""
                ci/runner.yaml
                  25:24  warning  DS106  ConfigMap key 'config.toml' names the Docker socket
                         ConfigMap/ci/runner-config  data["config.toml"]

                deploy/agent.yaml
                    9:7  warning  DS103  hostPath volume 'containers' mounts Docker's data
                         DaemonSet/logging/fluentd  container fluentd  spec.template.spec.volumes[1].hostPath.path
                  58:19  error    DS101  hostPath volume 'dockersock' mounts the Docker socket
                         DaemonSet/logging/fluentd  container fluentd  spec.template.spec.volumes[2].hostPath.path

                3 findings (1 error, 2 warning) in 3 files, 4 objects
                """);
    }

    @Test
    void listsProblemsInTheirOwnSectionWithFileAndLineAndCountsUnreadFilesInTheSummary() {
        List<ScanProblem> problems = List.of(
                ScanProblem.at("k8s/broken.yaml", 3, 1, ScanProblem.Type.PARSE, "mapping values are not allowed here"),
                ScanProblem.inFile("k8s/missing.yaml", ScanProblem.Type.IO, "no such file or directory"),
                ScanProblem.at("k8s/broken.yaml", 9, 5, ScanProblem.Type.PARSE, "unexpected end of stream"));
        Report report = manifestReport(List.of(), problems, 2, 0);

        String text = renderer.text(report, RenderOptions.PLAIN);

        assertThat(text).isEqualTo("""
                Problems (the scan is incomplete)
                  k8s/broken.yaml:3:1  parse  mapping values are not allowed here
                  k8s/broken.yaml:9:5  parse  unexpected end of stream
                  k8s/missing.yaml  io  no such file or directory

                0 findings in 2 files, 0 objects; 2 files could not be read
                """);
    }

    @Test
    void groupsFindingsWithoutAFileByObjectAndShowsOwnerPodCountAndCluster() {
        Finding live = new Finding("DS101", Severity.ERROR, "mounts the Docker socket",
                new ObjectRef("apps/v1", "Deployment", "ci", "runner"), null,
                "spec.template.spec.volumes[0].hostPath.path", "runner", "/var/run/docker.sock", "fix it", "prod-eu",
                null, 3, "fp1", false);
        Finding node = new Finding("DS401", Severity.ERROR, "node runs dockershim", NODE, null,
                "status.nodeInfo.containerRuntimeVersion", null, "docker://20.10.7", "fix it", "prod-eu", null, null,
                "fp2", false);
        Report report = new Report(Report.SCHEMA_VERSION, new Report.Tool("shimscan", "1.0"),
                new Report.Scan(SourceKind.CLUSTER, List.of("prod-eu"), "2026-01-01T00:00:00Z", 5),
                summary(List.of(live, node), 0, 7), List.of(live, node), List.of(),
                new Report.Coverage(Map.of(), List.of(new Report.Skipped("Secret", "*", "forbidden")), List.of()));

        String text = renderer.text(report, RenderOptions.PLAIN);

        assertThat(text).isEqualTo("""
                Deployment/ci/runner (cluster prod-eu)
                   error    DS101  mounts the Docker socket
                   3 pods  container runner  spec.template.spec.volumes[0].hostPath.path

                Node/worker-1 (cluster prod-eu)
                   error    DS401  node runs dockershim
                   status.nodeInfo.containerRuntimeVersion

                Problems (the scan is incomplete)
                  Secret in namespace *  not inspected  forbidden

                2 findings (2 error) in 7 objects; 1 resource type not inspected
                """);
    }

    @Test
    void coloursSeveritiesOnlyWhenAsked() throws IOException {
        Report report = manifestReport(List.of(
                fileFinding("DS101", Severity.ERROR, "socket", AGENT, "a.yaml", 1, 1, "p", null),
                fileFinding("DS103", Severity.WARNING, "data", AGENT, "a.yaml", 2, 1, "p", null),
                fileFinding("DS999", Severity.NOTE, "note", AGENT, "a.yaml", 3, 1, "p", null)), List.of(), 1, 1);

        String plain = render(report, RenderOptions.PLAIN);
        String coloured = render(report, new RenderOptions(true));

        assertThat(plain).doesNotContain("\u001b[");
        assertThat(coloured)
                .contains("\u001b[1m\u001b[31merror\u001b[0m")
                .contains("\u001b[33mwarning\u001b[0m")
                .contains("\u001b[36mnote\u001b[0m")
                .contains("\u001b[2mDaemonSet/logging/fluentd  p\u001b[0m");
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void sameReportGivesTheSameBytesWhateverTheOrderOfItsFindings() throws IOException {
        List<Finding> findings = new ArrayList<>(List.of(
                fileFinding("DS101", Severity.ERROR, "b", AGENT, "b.yaml", 4, 1, "p", null),
                fileFinding("DS101", Severity.ERROR, "a", AGENT, "a.yaml", 4, 1, "p", null),
                fileFinding("DS102", Severity.WARNING, "a", AGENT, "a.yaml", 2, 3, "p", null)));
        String first = render(manifestReport(findings, List.of(), 2, 2), RenderOptions.PLAIN);
        java.util.Collections.reverse(findings);
        String second = render(manifestReport(findings, List.of(), 2, 2), RenderOptions.PLAIN);

        assertThat(second).isEqualTo(first);
        assertThat(first.indexOf("a.yaml")).isLessThan(first.indexOf("b.yaml"));
    }

    @Test
    void summaryLineCountsSingularAndPluralAndRuleErrors() {
        Report one = manifestReport(List.of(fileFinding("DS101", Severity.ERROR, "m", AGENT, "a.yaml", 1, 1, "p", null)),
                List.of(new ScanProblem("a.yaml", null, null, ScanProblem.Type.RULE_ERROR, "rule DS101 failed", "DS101")),
                1, 1);

        assertThat(ConsoleRenderer.summaryLine(one)).isEqualTo("1 finding (1 error) in 1 file, 1 object; 1 rule error");
    }

    @Test
    void formatIsConsole() {
        assertThat(renderer.format()).isEqualTo("console");
    }

    private String render(Report report, RenderOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(report, options, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Finding fileFinding(String rule, Severity severity, String message, ObjectRef object, String file,
                                       int line, int column, String path, String container) {
        return new Finding(rule, severity, message, object, new Location(file, line, column, 0), path, container,
                "evidence", "fix it", null, null, null, rule + file + line, false);
    }

    private static Report manifestReport(List<Finding> findings, List<ScanProblem> problems, int files, int objects) {
        return new Report(Report.SCHEMA_VERSION, new Report.Tool("shimscan", "1.0"),
                new Report.Scan(SourceKind.MANIFEST, List.of("k8s"), "2026-01-01T00:00:00Z", 5),
                summary(findings, files, objects), findings, List.of(),
                new Report.Coverage(Map.of(), List.of(), problems));
    }

    private static Report.Summary summary(List<Finding> findings, int files, int objects) {
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.label(), (int) findings.stream().filter(f -> f.severity() == s).count());
        }
        return new Report.Summary(findings.size(), bySeverity, Map.of(), objects, files, 0);
    }
}
