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

class DockerConfigWriteRuleTest {
    private static final FixtureHarness HARNESS = FixtureHarness.forRules(List.of(new DockerConfigWriteRule()));

    private static List<Finding> findings(String file) {
        return HARNESS.verify(TestPaths.fixtures("DS203").resolve(file)).result().findings();
    }

    @Test
    void metaMatchesTheCatalog() {
        assertThat(DockerConfigWriteRule.META.id()).isEqualTo("DS203");
        assertThat(DockerConfigWriteRule.META.name()).isEqualTo("docker-config-write");
        assertThat(DockerConfigWriteRule.META.severity()).isEqualTo(Severity.ERROR);
        assertThat(DockerConfigWriteRule.META.sources())
                .isEqualTo(Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER, SourceKind.HOST));
    }

    @Test
    void fixturesAgreeWithTheMarkers() {
        assertThat(HARNESS.verify(TestPaths.fixtures("DS203")).expected()).isEqualTo(7);
    }

    @Test
    void theMessageSaysWhoseFileItIs() {
        List<Finding> findings = findings("node-config.yaml");
        assertThat(findings).extracting(f -> f.location().line(), Finding::message).containsExactly(
                tuple(23, "container 'write-daemon-json' runs `install /host/etc/docker/daemon.json` in its command: "
                        + "it writes the node's /etc/docker/daemon.json through hostPath volume 'etc-docker' "
                        + "(/etc/docker)"),
                tuple(24, "container 'write-daemon-json' runs `sed -i /host/etc/docker/daemon.json` in its command: "
                        + "it writes the node's /etc/docker/daemon.json through hostPath volume 'etc-docker' "
                        + "(/etc/docker)"),
                tuple(29, "container 'registry-ca' runs `cp /etc/docker/certs.d/registry.internal:5000/ca.crt` in its "
                        + "command: it writes the node's /etc/docker/certs.d/registry.internal:5000/ca.crt through "
                        + "hostPath volume 'etc-docker' (/etc/docker)"),
                tuple(54, "container 'apply' runs `echo > /etc/docker/daemon.json` in its command through nsenter, in "
                        + "the node's namespaces: it writes the node's Docker configuration /etc/docker/daemon.json"),
                tuple(61, "container 'apply-chroot' runs `tee /etc/docker/daemon.json` in its command through chroot, "
                        + "in the node's root file system: it writes the node's Docker configuration "
                        + "/etc/docker/daemon.json"),
                tuple(84, "container 'runner' runs `curl /etc/docker/certs.d/registry.internal/ca.crt` in its "
                        + "command: it writes Docker configuration /etc/docker/certs.d/registry.internal/ca.crt, "
                        + "which nothing reads on containerd nodes"));
        assertThat(findings.get(0).remediation()).isEqualTo(Remediations.DAEMON_JSON)
                .contains("/etc/containerd/config.toml", "`config_path`", "hosts.toml", "systemctl restart containerd");
        assertThat(findings.get(2).remediation()).isEqualTo(Remediations.CERTS_D);
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
    }

    @Test
    void aDindContainerConfiguringItsOwnDaemonIsANote() {
        assertThat(findings("dind.yaml")).extracting(f -> f.location().line(), Finding::severity, Finding::message,
                Finding::remediation).containsExactly(tuple(17, Severity.NOTE, "container 'dind' runs `printf > "
                + "/etc/docker/daemon.json` in its command: it configures the container's own Docker-in-Docker "
                + "daemon, not the node's", Remediations.OWN_DAEMON));
    }

    @Test
    void readsAndContainerdConfigurationAreQuiet() {
        assertThat(HARNESS.run(TestPaths.fixtures("DS203").resolve("near-misses.yaml")).result().findings())
                .isEmpty();
    }
}
