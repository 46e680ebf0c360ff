package dev.shimscan.rules.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.testing.FixtureHarness;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerModeSettingRuleTest {
    private static final FixtureHarness HARNESS = FixtureHarness.forRules(List.of(new DockerModeSettingRule()));

    @Test
    void metaMatchesTheCatalog() {
        assertThat(DockerModeSettingRule.META.id()).isEqualTo("DS303");
        assertThat(DockerModeSettingRule.META.name()).isEqualTo("docker-mode-setting");
        assertThat(DockerModeSettingRule.META.severity()).isEqualTo(Severity.WARNING);
        assertThat(DockerModeSettingRule.META.sources()).isEqualTo(Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER));
    }

    @Test
    void fixturesAgreeWithTheMarkers() {
        assertThat(HARNESS.verify(TestPaths.fixtures("DS303")).expected()).isEqualTo(15);
    }

    @Test
    void argumentFindingsSayWhatTheSettingShouldBecome() {
        List<Finding> findings = HARNESS.verify(TestPaths.fixtures("DS303").resolve("args.yaml")).result().findings();
        Finding scope = findings.get(0);
        assertThat(scope.path()).isEqualTo("spec.template.spec.containers[0].args[2]");
        assertThat(scope.evidence()).isEqualTo("--probe.docker=true");
        assertThat(scope.container()).isEqualTo("scope-agent");
        assertThat(scope.message()).isEqualTo("Weave Scope --probe.docker=true makes the probe read containers from "
                + "Docker Engine (container 'scope-agent'); use --probe.docker=false --probe.cri=true "
                + "--probe.cri.endpoint=unix:///run/containerd/containerd.sock (or unix:///var/run/crio/crio.sock) and "
                + "mount that socket into the probe.");
        assertThat(scope.remediation()).startsWith("Use --probe.docker=false --probe.cri=true");

        Finding script = findings.stream().filter(f -> "cadvisor-script".equals(f.container())).findFirst()
                .orElseThrow();
        assertThat(script.location().line()).isEqualTo(50);
        assertThat(script.evidence()).isEqualTo("--docker_only=1");
        assertThat(script.location().column()).isEqualTo(17);
    }

    @Test
    void aLineInsideTheArgoConfigBlockIsReportedWithItsFix() {
        List<Finding> findings = HARNESS.verify(TestPaths.fixtures("DS303").resolve("configmaps.yaml"))
                .result().findings();
        Finding block = findings.get(1);
        assertThat(block.location().line()).isEqualTo(18);
        assertThat(block.location().column()).isEqualTo(5);
        assertThat(block.path()).isEqualTo("data.config");
        assertThat(block.evidence()).isEqualTo("containerRuntimeExecutor: docker");
        assertThat(block.message()).isEqualTo("ConfigMap key 'config': Argo Workflows runs its executor through Docker "
                + "Engine with containerRuntimeExecutor: docker (it mounts the node's Docker socket into every "
                + "workflow pod); set containerRuntimeExecutor: emissary (the default since Argo Workflows v3.3; v3.4 "
                + "removed the docker executor) or delete the setting, and upgrade Argo if it is older.");
        Finding signalfx = findings.get(3);
        assertThat(signalfx.remediation()).isEqualTo("Remove the docker-container-stats monitor and enable the "
                + "kubelet-metrics monitor (type: kubelet-metrics); review dashboards and alerts, the metric names "
                + "change.");
    }

    @Test
    void criSettingsCommentsAndOtherFlagsAreSilent() {
        FixtureHarness.Outcome outcome = HARNESS.run(TestPaths.fixtures("DS303").resolve("near-misses.yaml"));
        assertThat(outcome.result().findings()).isEmpty();
        assertThat(outcome.result().problems()).isEmpty();
    }
}
