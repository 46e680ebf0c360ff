package dev.shimscan.rules.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.testing.FixtureHarness;
import dev.shimscan.rules.image.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerCliInScriptRuleTest {
    private static final FixtureHarness HARNESS = FixtureHarness.forRules(List.of(new DockerCliInScriptRule()));

    @Test
    void metaMatchesTheCatalog() {
        assertThat(DockerCliInScriptRule.META.id()).isEqualTo("DS205");
        assertThat(DockerCliInScriptRule.META.name()).isEqualTo("docker-cli-in-script");
        assertThat(DockerCliInScriptRule.META.severity()).isEqualTo(Severity.ERROR);
        assertThat(DockerCliInScriptRule.META.sources()).isEqualTo(Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER));
    }

    @Test
    void fixturesAgreeWithTheMarkers() {
        assertThat(HARNESS.verify(TestPaths.fixtures("DS205")).expected()).isEqualTo(13);
    }

    @Test
    void aKeyThatAContainerOfTheSameFileMountsAndExecutesIsAScriptToo() {
        List<Finding> findings = HARNESS.verify(TestPaths.fixtures("DS205").resolve("mounted-and-executed.yaml"))
                .result().findings();
        assertThat(findings).extracting(f -> f.location().line(), f -> f.location().column(), Finding::path)
                .containsExactly(tuple(10, 5, "data.cleanup"), tuple(13, 19, "data.lib"), tuple(55, 5, "data.start"),
                        tuple(58, 5, "data.run-me"));
        assertThat(findings).extracting(Finding::message).containsExactly(
                "script 'cleanup' of ConfigMap 'job-scripts' runs `docker image prune` (mounted at "
                        + "/opt/scripts/cleanup and executed by container 'cleanup' of CronJob 'nightly-cleanup'): it "
                        + "runs the Docker CLI",
                "script 'lib' of ConfigMap 'job-scripts' runs `docker info` (mounted at /opt/scripts/lib and executed "
                        + "by container 'cleanup' of CronJob 'nightly-cleanup'): it runs the Docker CLI",
                "script 'start' of ConfigMap 'entrypoint' runs `docker login` (mounted at /usr/local/bin/start and "
                        + "executed by container 'worker' of Deployment 'worker'): it runs the Docker CLI",
                "script 'run-me' of ConfigMap 'entrypoint' runs `docker pull` (mounted at /work/bin/run and executed "
                        + "by container 'puller' of Deployment 'worker'): it runs the Docker CLI");
    }

    @Test
    void withoutTheContainerThatRunsItInTheSameFileAKeyIsNotAScript(@TempDir Path dir) throws IOException {
        Path alone = dir.resolve("alone.yaml");
        Files.writeString(alone, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: job-scripts, namespace: batch}\n"
                + "data:\n  cleanup: |\n    docker image prune -af\n");
        assertThat(HARNESS.run(alone).result().findings()).isEmpty();
    }

    @Test
    void everyMatchSitsAtItsKeyAndLineWithTheRemediationOfItsKind() {
        List<Finding> findings = HARNESS.verify(TestPaths.fixtures("DS205").resolve("scripts.yaml")).result()
                .findings();
        assertThat(findings).extracting(f -> f.location().line(), f -> f.location().column(), Finding::path,
                Finding::evidence).containsExactly(
                tuple(15, 5, "data.collect-diagnostics", "docker ps -a --no-trunc"),
                tuple(16, 17, "data.collect-diagnostics", "docker ps -q"),
                tuple(17, 7, "data.collect-diagnostics", "docker inspect"),
                tuple(22, 5, "data[\"rotate-logs.sh\"]", "echo"),
                tuple(23, 5, "data[\"rotate-logs.sh\"]", "systemctl restart docker"),
                tuple(24, 16, "data[\"prune.bash\"]", "docker system prune -af --volumes"),
                tuple(27, 10, "data[\"healthcheck.sh\"]", "docker info >/dev/null 2>&1"),
                tuple(55, 5, "data[\"build.sh\"]", "docker build -t"),
                tuple(56, 5, "data[\"build.sh\"]", "docker push"));
        assertThat(findings.get(0).message()).isEqualTo("script 'collect-diagnostics' of ConfigMap 'node-maintenance' "
                + "runs `docker ps` (shell script by its shebang #!/bin/bash): it runs the Docker CLI");
        assertThat(findings.get(0).remediation()).startsWith("Use `crictl ps`");
        assertThat(findings.get(3).message()).isEqualTo("script 'rotate-logs.sh' of ConfigMap 'node-maintenance' runs "
                + "`echo > /etc/docker/daemon.json` (shell script by its key): it writes Docker configuration "
                + "/etc/docker/daemon.json");
        assertThat(findings.get(3).remediation()).isEqualTo(Remediations.DAEMON_JSON);
        assertThat(findings.get(4).message()).endsWith("(shell script by its key): it controls the Docker daemon");
        assertThat(findings.get(4).remediation()).isEqualTo(Remediations.DAEMON_GENERIC);
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.container()).isNull();
        });
    }

    @Test
    void aValueIsAScriptByAShellShebangOrByItsKey() {
        assertThat(DockerCliInScriptRule.whyScript("run", "#!/bin/sh\ndocker ps"))
                .contains("shell script by its shebang #!/bin/sh");
        assertThat(DockerCliInScriptRule.whyScript("run", "#!/usr/bin/env -S bash -e\n"))
                .contains("shell script by its shebang #!/usr/bin/env -S bash -e");
        assertThat(DockerCliInScriptRule.whyScript("entrypoint.SH", "docker ps")).contains("shell script by its key");
        assertThat(DockerCliInScriptRule.whyScript("x.bash", "docker ps")).contains("shell script by its key");
        assertThat(DockerCliInScriptRule.whyScript("x.sh", "#!/usr/bin/env python3\n")).isEqualTo(Optional.empty());
        assertThat(DockerCliInScriptRule.whyScript("README.md", "docker ps")).isEqualTo(Optional.empty());
        assertThat(DockerCliInScriptRule.whyScript("x.shell", "docker ps")).isEqualTo(Optional.empty());
    }

    @Test
    void textThatOnlyMentionsDockerAndScriptsOutsideConfigMapsAreQuiet() {
        FixtureHarness.Outcome outcome = HARNESS.run(TestPaths.fixtures("DS205").resolve("near-misses.yaml"));
        assertThat(outcome.result().findings()).isEmpty();
        assertThat(outcome.result().problems()).isEmpty();
    }
}
