package dev.shimscan.rules.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.testing.FixtureHarness;
import dev.shimscan.rules.image.TestPaths;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerServiceControlRuleTest {
    private static final FixtureHarness HARNESS = FixtureHarness.forRules(List.of(new DockerServiceControlRule()));

    private static List<Finding> findings(String file) {
        return HARNESS.verify(TestPaths.fixtures("DS202").resolve(file)).result().findings();
    }

    @Test
    void metaMatchesTheCatalog() {
        assertThat(DockerServiceControlRule.META.id()).isEqualTo("DS202");
        assertThat(DockerServiceControlRule.META.name()).isEqualTo("docker-service-control");
        assertThat(DockerServiceControlRule.META.severity()).isEqualTo(Severity.ERROR);
        assertThat(DockerServiceControlRule.META.sources())
                .isEqualTo(Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER, SourceKind.HOST));
    }

    @Test
    void fixturesAgreeWithTheMarkers() {
        assertThat(HARNESS.verify(TestPaths.fixtures("DS202")).expected()).isEqualTo(11);
    }

    @Test
    void nodeSetupRestartsAreReportedWithTheContainerdEquivalent() {
        List<Finding> findings = findings("node-setup.yaml");
        assertThat(findings).extracting(f -> f.location().line(), Finding::message).containsExactly(
                tuple(45, "container 'configure' runs `systemctl restart docker` in its command through nsenter, in "
                        + "the node's namespaces: it controls the node's Docker Engine service, which containerd nodes "
                        + "do not have"),
                tuple(46, "container 'configure' runs `systemctl is-active docker.service` in its command through "
                        + "nsenter, in the node's namespaces: it checks the node's Docker Engine service, which "
                        + "containerd nodes do not have"),
                tuple(71, "container 'apply' runs `service docker restart` in its command through chroot, in the "
                        + "node's root file system: it controls the node's Docker Engine service, which containerd "
                        + "nodes do not have"),
                tuple(79, "container 'apply' runs `systemctl reload docker` in its preStop hook through chroot, in "
                        + "the node's root file system: it controls the node's Docker Engine service, which "
                        + "containerd nodes do not have"),
                tuple(94, "container 'restart' runs `systemctl restart docker.socket` in its command: it controls the "
                        + "Docker Engine service, which containerd nodes do not have"));
        assertThat(findings.get(0).remediation()).isEqualTo(Remediations.DAEMON_GENERIC)
                .contains("`systemctl restart containerd`");
        assertThat(findings.get(1).remediation()).isEqualTo("Check the runtime the kubelet uses instead: "
                + "`systemctl is-active containerd` or `crictl info`.");
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
    }

    @Test
    void bootstrapCommandsAndStartupScriptsRunOnTheNode() {
        assertThat(findings("bootstrap.yaml")).extracting(f -> f.location().line(), Finding::message, Finding::path)
                .containsExactly(
                        tuple(13, "'ng-private' runs `systemctl restart docker` in its preBootstrapCommands (run on the "
                                        + "node at boot): it controls the node's Docker Engine service, which containerd "
                                        + "nodes do not have", "nodeGroups[0].preBootstrapCommands[1]"),
                        tuple(20, "'ng-custom-ami' runs `service docker restart` in its overrideBootstrapCommand (run "
                                        + "on the node at boot): it controls the node's Docker Engine service, which "
                                        + "containerd nodes do not have", "nodeGroups[1].overrideBootstrapCommand"),
                        tuple(32, "'workers-md-0' runs `systemctl enable docker` in its preKubeadmCommands (run on the "
                                        + "node at boot): it controls the node's Docker Engine service, which containerd "
                                        + "nodes do not have", "spec.template.spec.preKubeadmCommands[0]"));
        Finding startup = findings("startup-script.yaml").get(0);
        assertThat(startup.location().line()).isEqualTo(36);
        assertThat(startup.message()).isEqualTo("container 'startup-script' runs `systemctl restart docker` in its "
                + "STARTUP_SCRIPT (run on the node by the startup-script image): it controls the node's Docker Engine "
                + "service, which containerd nodes do not have");
    }

    @Test
    void aPodsOwnDaemonIsSilentOrANoteUnlessTheSignalReachesTheNode() {
        List<Finding> findings = findings("dind.yaml");
        assertThat(findings).extracting(f -> f.location().line(), Finding::severity, Finding::message)
                .containsExactly(
                        tuple(16, Severity.NOTE, "container 'reloader' runs `pkill dockerd` in its command: it signals "
                                + "the pod's own Docker-in-Docker daemon (container 'dind'), not the node's"),
                        tuple(52, Severity.ERROR, "container 'hup' runs `killall dockerd` in its command: the pod "
                                + "shares the node's PID namespace (hostPID), so it signals the node's Docker Engine "
                                + "(dockerd)"));
        assertThat(findings.get(1).remediation()).startsWith("containerd has no reload signal");
    }

    @Test
    void containerdControlIsQuiet() {
        assertThat(HARNESS.run(TestPaths.fixtures("DS202").resolve("near-misses.yaml")).result().findings())
                .isEmpty();
    }
}
