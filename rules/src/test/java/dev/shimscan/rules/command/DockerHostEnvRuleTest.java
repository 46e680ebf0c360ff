package dev.shimscan.rules.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.testing.FixtureHarness;
import dev.shimscan.rules.image.TestPaths;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerHostEnvRuleTest {
    private static final FixtureHarness HARNESS = FixtureHarness.forRules(List.of(new DockerHostEnvRule()));

    @Test
    void metaMatchesTheCatalog() {
        assertThat(DockerHostEnvRule.META.id()).isEqualTo("DS204");
        assertThat(DockerHostEnvRule.META.name()).isEqualTo("docker-host-env");
        assertThat(DockerHostEnvRule.META.severity()).isEqualTo(Severity.WARNING);
        assertThat(DockerHostEnvRule.META.sources()).isEqualTo(Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER));
    }

    @Test
    void fixturesAgreeWithTheMarkers() {
        FixtureHarness.Outcome outcome = HARNESS.verify(TestPaths.fixtures("DS204"));
        assertThat(outcome.expected()).isEqualTo(8);
    }

    @Test
    void findingsSitAtTheEnvValueAndSayWhereItLeads() {
        List<Finding> findings = HARNESS.verify(TestPaths.fixtures("DS204").resolve("node-daemon.yaml"))
                .result().findings();
        Finding socket = findings.get(0);
        assertThat(socket.path()).isEqualTo("spec.template.spec.containers[0].env[0].value");
        assertThat(socket.container()).isEqualTo("build");
        assertThat(socket.evidence()).isEqualTo("unix:///var/run/docker.sock");
        assertThat(socket.message()).isEqualTo("env DOCKER_HOST=unix:///var/run/docker.sock of container 'build' "
                + "points at the node's socket through hostPath volume 'dockersock' (/var/run/docker.sock)");
        assertThat(socket.remediation()).startsWith("Remove DOCKER_HOST and the Docker socket mount.");

        Finding tcp = findings.get(1);
        assertThat(tcp.location().line()).isEqualTo(45);
        assertThat(tcp.message()).isEqualTo("env DOCKER_HOST=tcp://$(HOST_IP):2375 of container 'agent' points at "
                + "the node's Docker Engine on port 2375");
        assertThat(tcp.remediation()).startsWith("Remove DOCKER_HOST: after the switch to containerd");

        Finding confused = findings.get(findings.size() - 1);
        assertThat(confused.object().name()).isEqualTo("confused");
        assertThat(confused.message()).endsWith(", not at the Docker-in-Docker daemon that container 'dind' runs in "
                + "the same pod");
        for (Finding f : findings) {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
        }
    }

    @Test
    void dindPodsAndUnevaluableValuesAreSilent() {
        FixtureHarness.Outcome outcome = HARNESS.run(TestPaths.fixtures("DS204").resolve("near-misses.yaml"));
        assertThat(outcome.result().findings()).isEmpty();
        assertThat(outcome.result().problems()).isEmpty();
    }
}
