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

class DockerCliCommandRuleTest {
    private static final FixtureHarness HARNESS = FixtureHarness.forRules(List.of(new DockerCliCommandRule()));

    private static List<Finding> findings(String file) {
        return HARNESS.verify(TestPaths.fixtures("DS201").resolve(file)).result().findings();
    }

    private static Finding at(List<Finding> findings, int line) {
        return findings.stream().filter(f -> f.location().line() == line).findFirst().orElseThrow();
    }

    @Test
    void metaMatchesTheCatalog() {
        assertThat(DockerCliCommandRule.META.id()).isEqualTo("DS201");
        assertThat(DockerCliCommandRule.META.name()).isEqualTo("docker-cli-command");
        assertThat(DockerCliCommandRule.META.severity()).isEqualTo(Severity.ERROR);
        assertThat(DockerCliCommandRule.META.sources()).isEqualTo(Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER));
    }

    @Test
    void fixturesAgreeWithTheMarkers() {
        assertThat(HARNESS.verify(TestPaths.fixtures("DS201")).expected()).isEqualTo(31);
    }

    @Test
    void theNodeSocketCaseSaysSoAndPointsAtTheLineInsideTheBlockScalar() {
        Finding f = at(findings("workloads.yaml"), 25);
        assertThat(f.location().column()).isEqualTo(29);
        assertThat(f.path()).isEqualTo("spec.template.spec.containers[0].command[2]");
        assertThat(f.container()).isEqualTo("reaper");
        assertThat(f.evidence()).isEqualTo("docker ps -aq --filter status=exited");
        assertThat(f.message()).isEqualTo("container 'reaper' runs `docker ps` in its command against the node's "
                + "Docker socket mounted from /var/run/docker.sock (hostPath volume 'dockersock')");
        assertThat(f.remediation()).startsWith("Use `crictl ps`").endsWith("Then remove the hostPath mount of the "
                + "Docker socket.");
    }

    @Test
    void everyPlaceIsNamedAndTheRemediationIsTheCriEquivalent() {
        List<Finding> findings = findings("workloads.yaml");
        assertThat(findings).extracting(f -> f.location().line(), Finding::message).contains(
                tuple(60, "container 'prune' runs `docker image prune` in its command against the node's Docker "
                        + "socket mounted from /var/run/docker.sock (hostPath volume 'sock')"),
                tuple(85, "container 'shipper' runs `docker info` in its postStart hook: the Docker CLI needs a "
                        + "Docker Engine, which containerd nodes do not run"),
                tuple(93, "container 'shipper' runs `docker kill` in its preStop hook: the Docker CLI needs a Docker "
                        + "Engine, which containerd nodes do not run"),
                tuple(96, "container 'shipper' runs `docker top` in its liveness probe: the Docker CLI needs a Docker "
                        + "Engine, which containerd nodes do not run"),
                tuple(122, "container 'wait-for-engine' runs `docker system info` in its command: the Docker CLI "
                        + "needs a Docker Engine, which containerd nodes do not run"));
        assertThat(at(findings, 81).remediation()).startsWith("Use `kubectl logs <pod> -c <container>` or "
                + "`crictl logs <container-id>`");
        assertThat(at(findings, 105).remediation()).startsWith("Use `kubectl exec <pod> -c <container> -- "
                + "<command>` or `crictl exec -it <container-id> <command>`");
        assertThat(at(findings, 26).remediation()).startsWith("Use `crictl inspect <container-id>`");
        assertThat(at(findings, 132).remediation()).startsWith("Run the services as Kubernetes workloads (kompose");
    }

    @Test
    void nodeDebugPodsTalkToTheNodesEngine() {
        List<Finding> findings = findings("node-debug.yaml");
        assertThat(findings).extracting(f -> f.location().line(), f -> f.location().column(), Finding::message)
                .containsExactly(
                        tuple(15, 76, "container 'shell' runs `docker ps` in its command through nsenter, in the "
                                + "node's namespaces: it talks to the node's Docker Engine"),
                        tuple(38, 28, "container 'collect' runs `docker ps` in its command through chroot, in the "
                                + "node's root file system: it talks to the node's Docker Engine"),
                        tuple(39, 40, "container 'collect' runs `docker info` in its command through chroot, in the "
                                + "node's root file system: it talks to the node's Docker Engine"),
                        tuple(42, 49, "container 'collect' runs `docker images` in its command through nsenter, in "
                                + "the node's namespaces: it talks to the node's Docker Engine"));
        assertThat(findings).allSatisfy(f -> assertThat(f.remediation()).contains("through "));
    }

    @Test
    void dockerInDockerIsANoteThatSaysWhichDaemonAndEverythingElseIsAnError() {
        List<Finding> findings = HARNESS.verify(TestPaths.fixtures("DS201")).result().findings();
        assertThat(findings.stream().filter(f -> f.severity() == Severity.NOTE))
                .extracting(f -> f.location().file().replaceAll(".*/", "") + ":" + f.location().line())
                .containsExactly("dind.yaml:20", "dind.yaml:21", "dind.yaml:29", "dind.yaml:51", "dind.yaml:52");
        assertThat(findings.stream().filter(f -> f.severity() != Severity.NOTE))
                .hasSize(26).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));

        List<Finding> dind = findings("dind.yaml");
        assertThat(at(dind, 20).message()).isEqualTo("container 'build' runs `docker info` in its command against the "
                + "Docker-in-Docker daemon of container 'dind' (tcp :2376, unix /var/run/docker.sock): the pod's own "
                + "daemon, not the node's, so it keeps working on containerd nodes");
        assertThat(at(dind, 20).remediation()).isEqualTo(Remediations.OWN_DAEMON);
        assertThat(at(dind, 29).message()).isEqualTo("container 'dind' runs `docker info` in its readiness probe "
                + "against the container's own Docker daemon: the pod's own daemon, not the node's, so it keeps "
                + "working on containerd nodes");
        assertThat(at(dind, 51).message()).contains("`docker compose`", "daemon of container 'docker' (tcp :2375");
        assertThat(at(dind, 52).message()).isEqualTo("container 'tests' runs `docker ps` in its command against a "
                + "Docker daemon at buildkitd.ci.svc:2375, outside this pod, not the node's Docker Engine");
        Finding confused = at(dind, 68);
        assertThat(confused.severity()).isEqualTo(Severity.ERROR);
        assertThat(confused.message()).isEqualTo("container 'build' runs `docker build` in its command against the "
                + "node's Docker socket mounted from /var/run/docker.sock (hostPath volume 'sock')");
        assertThat(confused.remediation()).startsWith("Build and push images with a daemonless builder");
    }

    @Test
    void customResourcesAndScriptsAreRead() {
        List<Finding> findings = findings("custom-resources.yaml");
        assertThat(findings).extracting(f -> f.location().line(), Finding::container, Finding::path).containsExactly(
                tuple(27, "build", "spec.templates[1].script.source"),
                tuple(28, "build", "spec.templates[1].script.source"),
                tuple(33, "cleanup", "spec.templates[2].script.source"),
                tuple(44, "list", "spec.templates[4].container.command[0]"),
                tuple(61, "login-and-push", "spec.steps[0].script"),
                tuple(62, "login-and-push", "spec.steps[0].script"),
                tuple(64, "publish-image", "spec.steps[1].script"),
                tuple(74, "heartbeat", "spec.sidecars[0].command[2]"));
    }

    @Test
    void nearMissesAreQuiet() {
        FixtureHarness.Outcome outcome = FixtureHarness.forRules(List.of(new DockerCliCommandRule()))
                .run(TestPaths.fixtures("DS201").resolve("near-misses.yaml"));
        assertThat(outcome.result().findings()).isEmpty();
        assertThat(outcome.result().problems()).isEmpty();
    }
}
