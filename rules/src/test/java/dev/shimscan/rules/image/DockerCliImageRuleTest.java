package dev.shimscan.rules.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.testing.FixtureHarness;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerCliImageRuleTest {
    private static final FixtureHarness HARNESS = FixtureHarness.forRules(List.of(new DockerCliImageRule()));

    @Test
    void metaMatchesTheCatalog() {
        assertThat(DockerCliImageRule.META.id()).isEqualTo("DS301");
        assertThat(DockerCliImageRule.META.name()).isEqualTo("docker-cli-image");
        assertThat(DockerCliImageRule.META.severity()).isEqualTo(Severity.NOTE);
        assertThat(DockerCliImageRule.META.sources()).isEqualTo(Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER));
    }

    @Test
    void fixturesAgreeWithTheMarkers() {
        assertThat(HARNESS.verify(TestPaths.fixtures("DS301")).expected()).isEqualTo(12);
    }

    @Test
    void theMessageSaysWhoseDaemonTheClientProbablyUses() {
        List<Finding> findings = HARNESS.verify(TestPaths.fixtures("DS301").resolve("docker-clients.yaml"))
                .result().findings();
        assertThat(findings.get(0).message()).isEqualTo("container 'build' runs the Docker client image docker:24 "
                + "and talks to the node's Docker Engine: Docker's default socket leads to the node's socket through "
                + "hostPath volume 'dockersock' (/var/run/docker.sock)");
        assertThat(findings.get(0).path()).isEqualTo("spec.template.spec.containers[0].image");
        assertThat(findings.get(0).container()).isEqualTo("build");
        assertThat(byContainer(findings, "git").message()).isEqualTo("container 'git' runs the Docker client image "
                + "docker:git with no Docker daemon in its pod and no socket mounted; by default it would use the "
                + "node's /var/run/docker.sock, so check whose daemon it really talks to");
        assertThat(byContainer(findings, "node-tcp").message()).endsWith("and talks to the node's Docker Engine: "
                + "DOCKER_HOST=tcp://$(HOST_IP):2376 leads to the node's Docker Engine on port 2376");
        assertThat(byContainer(findings, "remote").message()).endsWith("; DOCKER_HOST=tcp://buildkitd.ci.svc:2375 "
                + "leads to a Docker daemon at buildkitd.ci.svc:2375, outside this pod: make sure that is no node's "
                + "Docker Engine");
        assertThat(byContainer(findings, "client").message()).endsWith(", not the Docker-in-Docker daemon of "
                + "container 'dind' in the same pod");
        for (Finding f : findings) {
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.remediation()).isEqualTo(DockerCliImageRule.META.remediation());
        }
    }

    @Test
    void daemonsTheirClientsAndOtherImagesAreSilent() {
        FixtureHarness.Outcome outcome = HARNESS.run(TestPaths.fixtures("DS301").resolve("near-misses.yaml"));
        assertThat(outcome.result().findings()).isEmpty();
        assertThat(outcome.result().problems()).isEmpty();
    }

    private static Finding byContainer(List<Finding> findings, String container) {
        return findings.stream().filter(f -> container.equals(f.container())).findFirst().orElseThrow();
    }
}
