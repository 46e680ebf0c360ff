package dev.shimscan.rules.support.host;

import static dev.shimscan.core.source.host.HostFileCategory.CLOUD_INIT;
import static dev.shimscan.core.source.host.HostFileCategory.CRON;
import static dev.shimscan.core.source.host.HostFileCategory.PROFILE;
import static dev.shimscan.core.source.host.HostFileCategory.SCRIPT;
import static dev.shimscan.core.source.host.HostFileCategory.SYSTEMD_UNIT;
import static dev.shimscan.core.source.host.HostFileCategory.USER_CRON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.rules.command.DockerConfigWriteRule;
import dev.shimscan.rules.command.DockerServiceControlRule;
import dev.shimscan.rules.hostscript.HostScriptDockerCliRule;
import dev.shimscan.rules.hostscript.SystemdUnitDockerDependencyRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where a shell runs in each kind of host file, and which rule owns each line: DS602 (a unit starting a container)
 * before DS203 (a write under /etc/docker) before DS202 (daemon control) before DS601 (any other CLI use).
 */
class HostCommandsTest {
    private static final List<Rule> RULES = List.of(new SystemdUnitDockerDependencyRule(), new DockerConfigWriteRule(),
            new DockerServiceControlRule(), new HostScriptDockerCliRule());

    private static List<String> where(String path, dev.shimscan.core.source.host.HostFileCategory c, String... lines) {
        return HostFileFindings.where(RULES, path, c, String.join("\n", lines) + "\n");
    }

    @Test
    void oneFindingPerLineByPrecedence() {
        assertThat(where("etc/rc.local", SCRIPT,
                "docker ps && systemctl restart docker",                            // 1: DS202 owns it
                "echo '{}' > /etc/docker/daemon.json && systemctl restart docker",  // 2: DS203 owns it
                "docker ps | xargs docker inspect",                                  // 3: one DS601
                "docker pull a; docker pull b"))                                     // 4: one DS601
                .containsExactly("1:14 DS202", "2:1 DS203", "3:1 DS601", "4:1 DS601");
    }

    @Test
    void cronJobsAreReadAfterTheScheduleAndTheUserField() {
        assertThat(where("etc/crontab", CRON,
                "DOCKER_HOST=unix:///var/run/docker.sock",
                "* * * * * docker true",           // user 'docker' runs true
                "* * * * * root docker ps",
                "@daily root docker image prune -f",
                "0 0 * * * root echo % docker ps", // after % is stdin
                "  # * * * * * root docker ps"))
                .containsExactly("3:16 DS601", "4:13 DS601");
        assertThat(where("var/spool/cron/crontabs/bob", USER_CRON,
                "* * * * * docker ps",
                "@reboot docker start x"))
                .containsExactly("1:11 DS601", "2:9 DS601");
    }

    @Test
    void unitExecLinesAreCommandVectorsNotShellScripts() {
        assertThat(where("etc/systemd/system/a.service", SYSTEMD_UNIT,
                "[Service]",
                "Environment=CMD=docker ps",
                "ExecStart=/usr/bin/agent --include=(docker|containerd).service",
                "ExecStartPre=-/usr/bin/docker pull x:1",
                "ExecStart=/bin/sh -c 'sleep 1; docker run x:1'",
                "ExecStartPost=/bin/systemctl restart docker",
                "ExecStop=/usr/bin/docker \\",
                "    stop x"))
                .containsExactly("4:15 DS601", "5:32 DS602", "6:15 DS202", "7:10 DS601");
    }

    @Test
    void dockersOwnUnitsAreNotRead() {
        assertThat(where("lib/systemd/system/docker.service", SYSTEMD_UNIT,
                "[Unit]", "Requires=docker.socket", "[Service]", "ExecStartPost=/usr/bin/docker network prune -f"))
                .isEmpty();
        assertThat(where("etc/systemd/system/docker.service.d/x.conf", SYSTEMD_UNIT,
                "[Service]", "ExecStartPost=/usr/bin/docker info")).isEmpty();
    }

    @Test
    void aliasValuesAreScriptsAndAliasNamesAreNot() {
        assertThat(where("root/.bashrc", PROFILE,
                "alias docker=nerdctl",
                "alias d='docker'",
                "alias dr=\"docker run --rm\"",
                "alias x='echo docker ps'"))
                .containsExactly("2:10 DS601", "3:11 DS601");
    }

    @Test
    void cloudConfigItemsInEveryForm() {
        assertThat(where("var/lib/cloud/instance/user-data.txt", CLOUD_INIT,
                "#cloud-config",
                "bootcmd:",
                "- docker load -i /x.tar",
                "runcmd:",
                "  - [ docker, pull, 'nginx:1' ]",
                "  - \"systemctl restart docker\"",
                "  - |",
                "    set -e",
                "    docker ps",
                "  - echo docker",
                "packages:",
                "  - docker.io",
                "write_files:",
                "  - path: /etc/docker/daemon.json",
                "    content: '{}'"))
                .containsExactly("3:3 DS601", "5:7 DS601", "6:6 DS202", "9:5 DS601", "14:11 DS203");
    }

    @Test
    void mimeUserDataReadsShellAndCloudConfigPartsButNotBase64() {
        assertThat(where("var/lib/cloud/instance/user-data.txt", CLOUD_INIT,
                "Content-Type: multipart/mixed; boundary=\"XX\"",
                "MIME-Version: 1.0",
                "",
                "--XX",
                "Content-Type: text/x-shellscript",
                "",
                "#!/bin/sh",
                "docker ps",
                "--XX",
                "Content-Type: text/x-shellscript",
                "Content-Transfer-Encoding: base64",
                "",
                "ZG9ja2VyIHBz",
                "--XX",
                "Content-Type: text/cloud-config",
                "",
                "runcmd:",
                "  - docker info",
                "--XX--"))
                .containsExactly("8:1 DS601", "18:5 DS601");
    }

    @Test
    void messagesNameTheFileAndThePlace() {
        List<Finding> f = HostFileFindings.of(RULES, "etc/systemd/system/agent.service", SYSTEMD_UNIT,
                "[Unit]\nRequires=docker.service\nWants=docker.socket\n[Service]\nExecStart=/usr/bin/docker run a\n");
        assertThat(f).extracting(Finding::message).containsExactly(
                "unit 'agent.service' has Requires=docker.service: systemd will not start it on a node without Docker "
                        + "Engine",
                "unit 'agent.service' has Wants=docker.socket: it was written to run alongside Docker Engine; it "
                        + "still starts without it, but check what it expects from Docker",
                "systemd unit etc/systemd/system/agent.service runs `docker run` in its ExecStart: unit "
                        + "'agent.service' runs its workload as a Docker container, which cannot start once Docker "
                        + "Engine leaves the node");
        assertThat(f).extracting(Finding::severity).containsExactly(Severity.ERROR, Severity.WARNING, Severity.ERROR);
        assertThat(f).extracting(Finding::evidence).containsExactly("Requires=docker.service", "Wants=docker.socket",
                "/usr/bin/docker run a");
    }
}
