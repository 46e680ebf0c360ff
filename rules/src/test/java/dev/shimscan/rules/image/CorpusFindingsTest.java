package dev.shimscan.rules.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.rule.RuleRegistry;
import dev.shimscan.core.source.manifest.ContentLoader;
import dev.shimscan.core.source.manifest.ManifestScan;
import dev.shimscan.core.yaml.ParseLimits;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DS204, DS301, DS302, DS303 and DS801 on the shared corpus of real manifests, scanned with every registered rule
 * as a real run would: the exact findings of these rules (rule, file, line), what some of them say, and silence on
 * the look-alikes (agents on CRI-O, cluster-level agents of the same image, RuntimeDefault profiles).
 */
class CorpusFindingsTest {
    private static final Set<String> RULES = Set.of("DS204", "DS301", "DS302", "DS303", "DS801");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static Path corpus;
    private static List<Finding> findings;

    @BeforeAll
    static void scanTheCorpus() {
        corpus = TestPaths.corpus();
        ManifestScan scan = new ManifestScan(RuleRegistry.load().rules(),
                ContentLoader.standard(new ByteArrayInputStream(new byte[0])), 2, ParseLimits.DEFAULT, CLOCK);
        ScanResult result = scan.run(List.of(corpus.toString()));
        findings = result.findings().stream().filter(f -> RULES.contains(f.ruleId())).toList();
    }

    @Test
    void exactlyTheseFindingsOfTheRulesInTheWholeCorpus() {
        assertThat(findings.stream().map(CorpusFindingsTest::where)).containsExactlyInAnyOrder(
                "DS801 cadvisor/daemonset.yaml:7",
                "DS302 cadvisor/daemonset.yaml:20",
                "DS303 cadvisor/overlay-cadvisor-args.yaml:21",
                "DS302 datadog-helm-charts/daemonset_default.part-daemonset.yaml:152",
                "DS302 datadog-helm-charts/sbom_enabled.part-daemonset.yaml:166",
                "DS302 falco/falco-daemonset-2021.yaml:33",
                "DS302 falco/falco-daemonset-rendered.yaml:36",
                "DS801 falco/falco-psp-2021.yaml:6",
                "DS801 flannel/kube-flannel-2022.yaml:7",
                "DS801 flannel/kube-flannel-2022.yaml:8",
                "DS302 k8s-examples/newrelic-infra-daemonset.yaml:27",
                "DS801 kubeaudit/seccomp-deprecated-pod.yaml:7",
                "DS801 kubeaudit/seccomp-deprecated.yaml:7",
                "DS302 sysdig/sysdig-agent-daemonset-redhat-openshift.yaml:74",
                "DS302 sysdig/sysdig-agent-daemonset-v2.yaml:111",
                "DS302 sysdig/sysdig-daemonset-2018.yaml:42",
                "DS302 sysdig/sysdig-image-analyzer-daemonset.yaml:64",
                "DS302 sysdig/sysdig-rc-2017.yaml:42",
                "DS303 weave-scope/k8s-scope-list.yaml:195",
                "DS302 weave-scope/k8s-scope-list.yaml:202");
    }

    @Test
    void cadvisorDaemonSetAndItsArgsOverlay() {
        Finding seccomp = only("DS801", "cadvisor/daemonset.yaml");
        assertThat(seccomp.evidence()).isEqualTo("docker/default");
        assertThat(seccomp.location().column()).isEqualTo(50);
        assertThat(seccomp.remediation()).isEqualTo("Remove the annotation and set "
                + "securityContext.seccompProfile.type: RuntimeDefault in the pod spec.");
        Finding agent = only("DS302", "cadvisor/daemonset.yaml");
        assertThat(agent.message()).isEqualTo("container 'cadvisor' runs the node agent cAdvisor from Google (open "
                + "source), image ghcr.io/google/cadvisor:0.54.0; the pod mounts /, /var/run, /var/lib/docker from the "
                + "node; the vendor's guidance for leaving dockershim: "
                + "https://github.com/google/cadvisor/blob/master/docs/runtime_options.md");
        Finding dockerOnly = only("DS303", "cadvisor/overlay-cadvisor-args.yaml");
        assertThat(dockerOnly.path()).isEqualTo("spec.template.spec.containers[0].args[5]");
        assertThat(dockerOnly.evidence()).isEqualTo("--docker_only");
        assertThat(dockerOnly.container()).isEqualTo("cadvisor");
    }

    @Test
    void weaveScopeProbeInTheListFile() {
        Finding mode = only("DS303", "weave-scope/k8s-scope-list.yaml");
        assertThat(mode.object().display()).isEqualTo("DaemonSet/weave/weave-scope-agent");
        assertThat(mode.path()).isEqualTo("spec.template.spec.containers[0].args[4]");
        assertThat(mode.evidence()).isEqualTo("--probe.docker=true");
        Finding agent = only("DS302", "weave-scope/k8s-scope-list.yaml");
        assertThat(agent.object().display()).isEqualTo("DaemonSet/weave/weave-scope-agent");
        assertThat(agent.message()).contains("the pod mounts /var/run/docker.sock from the node");
    }

    @Test
    void datadogChartsAreOneNotePerPodNamingTheRuntimeAwareVersion() {
        Finding agent = only("DS302", "datadog-helm-charts/daemonset_default.part-daemonset.yaml");
        assertThat(agent.message()).startsWith("container 'agent' (and 'trace-agent', 'system-probe', 'init-volume', "
                + "'init-config', 'seccomp-setup') runs the node agent Datadog Agent from Datadog, image "
                + "registry.datadoghq.com/agent:7.81.1 (version 7.81.1 finds containerd and CRI-O by itself, as every "
                + "version from 7.27 does); the pod mounts /var/run from the node;");
    }

    @Test
    void flannelPspListsDockerDefaultTwice() {
        List<Finding> flannel = findings.stream()
                .filter(f -> f.location().file().endsWith("flannel/kube-flannel-2022.yaml")).toList();
        assertThat(flannel).extracting(f -> f.location().line() + ":" + f.location().column())
                .containsExactly("7:63", "8:62");
        assertThat(flannel).allSatisfy(f -> assertThat(f.remediation()).startsWith("Write runtime/default instead "
                + "of docker/default"));
    }

    @Test
    void lookAlikesStaySilent() {
        for (String file : List.of(
                "weave-scope/cri-ds.yaml",                        // Scope probe on CRI-O, --probe.docker=false
                "weave-scope/probe-deploy.yaml",                  // Scope cluster agent, no node probe
                "falco/falco-exporter-daemonset.yaml",            // falco-exporter, not Falco
                "kube-prometheus/nodeExporter-daemonset.yaml",    // seccompProfile RuntimeDefault
                "kubeaudit/apparmor-enabled.yaml",                // localhost/something, not docker-default
                "aws-container-insights/cwagent-daemonset.yaml",  // HOST_IP from status.hostIP, no DOCKER_HOST
                "gke-node-tools/insecure-registry-config-containerd.yaml",
                "gke-node-tools/configure_http_proxy-containerd.yaml")) {
            assertThat(findings).as(file).noneMatch(f -> f.location().file().endsWith("/" + file));
        }
        // the Datadog charts set appArmorProfile/seccompProfile fields, none of them to docker-default
        assertThat(findings).filteredOn(f -> f.ruleId().equals("DS801"))
                .noneMatch(f -> f.location().file().contains("datadog-helm-charts"));
        // no corpus manifest points DOCKER_HOST at a node or runs a Docker client image
        assertThat(findings).noneMatch(f -> f.ruleId().equals("DS204") || f.ruleId().equals("DS301"));
    }

    private static Finding only(String rule, String file) {
        List<Finding> matching = findings.stream()
                .filter(f -> f.ruleId().equals(rule) && f.location().file().endsWith("/" + file)).toList();
        assertThat(matching).as("%s in %s", rule, file).hasSize(1);
        return matching.get(0);
    }

    private static String where(Finding f) {
        String prefix = corpus.toString().replace('\\', '/') + "/";
        String file = f.location().file();
        return f.ruleId() + " " + (file.startsWith(prefix) ? file.substring(prefix.length()) : file) + ":"
                + f.location().line();
    }
}
