package dev.shimscan.rules.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.source.manifest.ContentLoader;
import dev.shimscan.core.source.manifest.ManifestScan;
import dev.shimscan.core.yaml.ParseLimits;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DS701 and DS702 on real manifests of the shared corpus: the exact findings (file, line, rule, severity) on the
 * log pipeline and monitoring configs that depend on Docker, and none on their CRI-ready look-alikes.
 */
class LoggingCorpusTest {
    private static final List<Rule> RULES = List.of(new DockerLogFormatParserRule(), new DockerMetricOrLogAlertRule());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static Path corpus;

    @BeforeAll
    static void locate() {
        corpus = Fixtures.corpus();
    }

    private static List<String> scan(String... files) {
        List<String> targets = java.util.Arrays.stream(files).map(f -> corpus.resolve(f).toString()).toList();
        ScanResult result = new ManifestScan(RULES, ContentLoader.standard(InputStream.nullInputStream()), 1,
                ParseLimits.DEFAULT, CLOCK).run(targets);
        assertThat(result.problems()).isEmpty();
        String base = corpus.toString().replace('\\', '/') + "/";
        return result.findings().stream().map(f -> describe(f, base)).toList();
    }

    private static String describe(Finding f, String base) {
        return f.location().file().replace('\\', '/').replace(base, "") + ":" + f.location().line() + " "
                + f.ruleId() + " " + f.severity().label() + " " + f.evidence();
    }

    @Test
    void fluentBitCompatibleConfigOfContainerInsights() {
        assertThat(scan("aws-container-insights/fluent-bit-compatible.yaml")).containsExactly(
                "aws-container-insights/fluent-bit-compatible.yaml:69 DS701 warning Docker_Mode         On",
                "aws-container-insights/fluent-bit-compatible.yaml:72 DS701 warning Parser              docker",
                "aws-container-insights/fluent-bit-compatible.yaml:85 DS701 warning Parser              docker",
                "aws-container-insights/fluent-bit-compatible.yaml:96 DS701 warning Docker_Mode         On",
                "aws-container-insights/fluent-bit-compatible.yaml:99 DS701 warning Parser              docker",
                "aws-container-insights/fluent-bit-compatible.yaml:158 DS701 note "
                        + "Systemd_Filter      _SYSTEMD_UNIT=docker.service");
    }

    @Test
    void windowsFluentBitConfigOfTheCloudWatchOperator() {
        assertThat(scan("aws-container-insights/cwagent-operator-rendered.part-fluent-bit-configmaps.yaml")).containsExactly(
                "aws-container-insights/cwagent-operator-rendered.part-fluent-bit-configmaps.yaml:119 DS701 note "
                        + "Systemd_Filter      _SYSTEMD_UNIT=docker.service",
                "aws-container-insights/cwagent-operator-rendered.part-fluent-bit-configmaps.yaml:268 DS701 warning "
                        + "Parser              docker",
                "aws-container-insights/cwagent-operator-rendered.part-fluent-bit-configmaps.yaml:280 DS701 warning "
                        + "Parser              docker",
                "aws-container-insights/cwagent-operator-rendered.part-fluent-bit-configmaps.yaml:292 DS701 warning "
                        + "Parser              docker");
    }

    @Test
    void fluentdConfigOfTheCheckovCloudWatchSample() {
        assertThat(scan("checkov/cloudwatch-agent-1PASSED-1FAILED.yaml")).containsExactly(
                "checkov/cloudwatch-agent-1PASSED-1FAILED.yaml:199 DS701 warning @type json",
                "checkov/cloudwatch-agent-1PASSED-1FAILED.yaml:269 DS701 warning "
                        + "filters [{ \"_SYSTEMD_UNIT\": \"docker.service\" }]");
    }

    @Test
    void filebeatDockerInputAndFluentBitDockerParser() {
        assertThat(scan("elastic-beats/filebeat-configmap-docker-input.yaml",
                "fluent-bit-k8s-logging/elasticsearch-fluent-bit-configmap.yaml")).containsExactly(
                "elastic-beats/filebeat-configmap-docker-input.yaml:48 DS701 warning - type: docker",
                "fluent-bit-k8s-logging/elasticsearch-fluent-bit-configmap.yaml:30 DS701 warning "
                        + "Parser            docker");
    }

    @Test
    void fluentdDaemonSetsWhoseImageParsesDockerJsonByDefault() {
        // the image's tail_container_parse.conf: @type "#{ENV['FLUENT_CONTAINER_TAIL_PARSER_TYPE'] || 'json'}"; none
        // of the five sets the variable or replaces the image's configs (logentries mounts /var/log/pods, which
        // changes nothing: the image still tails /var/log/containers, whose links point there)
        String dir = "fluentd-k8s-daemonset/fluentd-daemonset-";
        assertThat(scan(dir + "elasticsearch-2020.yaml", dir + "elasticsearch-rbac-2020.yaml", dir + "logentries.yaml",
                dir + "papertrail-2020.yaml", dir + "syslog.yaml")).containsExactly(
                dir + "elasticsearch-2020.yaml:25 DS701 warning fluent/fluentd-kubernetes-daemonset:v1-debian-elasticsearch",
                dir + "elasticsearch-rbac-2020.yaml:65 DS701 warning "
                        + "fluent/fluentd-kubernetes-daemonset:v1-debian-elasticsearch",
                dir + "logentries.yaml:34 DS701 warning fluent/fluentd-kubernetes-daemonset:v1-debian-logentries",
                dir + "papertrail-2020.yaml:26 DS701 warning fluent/fluentd-kubernetes-daemonset:v1-debian-papertrail",
                dir + "syslog.yaml:69 DS701 warning fluent/fluentd-kubernetes-daemonset:v1-debian-syslog");
    }

    @Test
    void nodeProblemDetectorDaemonSetsThatLoadTheDockerMonitor() {
        assertThat(scan("node-problem-detector/node-problem-detector.yaml",
                "node-problem-detector/node-problem-detector-healthchecker.yaml")).containsExactly(
                "node-problem-detector/node-problem-detector-healthchecker.yaml:31 DS702 note /config/docker-monitor.json",
                "node-problem-detector/node-problem-detector.yaml:31 DS702 note /config/docker-monitor.json");
    }

    @Test
    void nodeProblemDetectorDockerMonitors() {
        assertThat(scan("node-problem-detector/node-problem-detector-config.yaml")).containsExactly(
                "node-problem-detector/node-problem-detector-config.yaml:57 DS702 note "
                        + "\"pattern\": \"task docker:\\\\w+ blocked for more than \\\\w+ seconds\\\\.\"",
                "node-problem-detector/node-problem-detector-config.yaml:95 DS702 note \"source\": \"dockerd\"");
    }

    @Test
    void criReadyLookAlikesAreQuiet() {
        assertThat(scan(
                "fluent-bit-k8s-logging/opensearch-openshift-configmap-cri.yaml",
                "elastic-beats/filebeat-autodiscover-k8s.yaml",
                "elastic-beats/filebeat-daemonset-6.0-beta1.yaml",
                "kube-prometheus/kubernetesControlPlane-serviceMonitorKubelet.yaml",
                "k8s-examples/vllm-prometheus-rule.yaml",
                "falco/falco-configmap-rendered.yaml",
                "nvidia-gpu-operator/npd-gpu-ready-simulation.yaml")).isEmpty();
    }
}
