package dev.shimscan.rules.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.source.manifest.ContentLoader;
import dev.shimscan.core.source.manifest.ManifestScan;
import dev.shimscan.core.yaml.ParseLimits;
import dev.shimscan.rules.image.TestPaths;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DS201, DS202, DS203 and DS205 on the real manifests of the shared corpus. The corpus holds one Docker-era node
 * command (an eksctl node group that restarts docker at boot); the look-alikes around it (GKE startup-script
 * DaemonSets that configure containerd, NVIDIA's toolkit entrypoint script in a ConfigMap, agents that mount the
 * Docker socket without running the CLI) must stay quiet.
 */
class CommandRulesCorpusTest {
    private static final List<Rule> RULES = List.of(new DockerCliCommandRule(), new DockerServiceControlRule(),
            new DockerConfigWriteRule(), new DockerCliInScriptRule());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static List<String> scan(String... files) {
        Path corpus = TestPaths.corpus();
        List<String> targets = Arrays.stream(files).map(f -> corpus.resolve(f).toString()).toList();
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
    void eksctlNodeGroupRestartsDockerAtBoot() {
        // line 37 pipes daemon.json through sed without -i: it prints the file and writes nothing, so no DS203
        assertThat(scan("eksctl/05-advanced-nodegroups.yaml")).containsExactly(
                "eksctl/05-advanced-nodegroups.yaml:38 DS202 error systemctl restart docker");
    }

    @Test
    void startupScriptDaemonSetsThatConfigureContainerdAreQuiet() {
        assertThat(scan("gke-node-tools/insecure-registry-config-containerd.yaml",
                "gke-node-tools/configure_http_proxy-containerd.yaml")).isEmpty();
    }

    @Test
    void shellScriptsAndCommandsWithoutDockerAreQuiet() {
        assertThat(scan("nvidia-gpu-operator/container-toolkit-entrypoint-configmap.yaml",
                "nvidia-gpu-operator/container-toolkit-daemonset.yaml",
                "nvidia-gpu-operator/container-toolkit-daemonset-2020.yaml",
                "nvidia-gpu-operator/npd-gpu-ready-simulation.yaml",
                "eksctl/32-windows-nodes-with-containerd.yaml",
                "kube-bench/job-node.yaml")).isEmpty();
    }

    @Test
    void agentsThatMountTheDockerSocketWithoutRunningTheCliAreQuiet() {
        assertThat(scan("falco/falco-daemonset-2021.yaml", "sysdig/sysdig-daemonset-2018.yaml",
                "datadog-helm-charts/daemonset_default.part-daemonset.yaml", "kubeaudit/docker-sock-mounted.yaml",
                "weave-scope/k8s-scope-list.yaml", "cadvisor/daemonset.yaml")).isEmpty();
    }

    @Test
    void theWholeCorpusHasExactlyOneCommandFinding() {
        assertThat(scan(TestPaths.corpus().toString())).containsExactly(
                "eksctl/05-advanced-nodegroups.yaml:38 DS202 error systemctl restart docker");
    }
}
