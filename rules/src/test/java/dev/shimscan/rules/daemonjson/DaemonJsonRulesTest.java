package dev.shimscan.rules.daemonjson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.engine.ResourceChecker;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.source.host.HostFileCategory;
import dev.shimscan.rules.support.host.HostFileFindings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DS501 and DS502 on the node's daemon.json: one finding per key at its line, severities, remediations. */
class DaemonJsonRulesTest {
    private static final List<dev.shimscan.core.rule.Rule> RULES = List.of(new RegistryMirrorsRule(),
            new DaemonJsonSettingsRule());

    private static List<Finding> scan(String json) {
        return HostFileFindings.of(RULES, "etc/docker/daemon.json", HostFileCategory.DAEMON_JSON, json);
    }

    @Test
    void eachKeyOnItsLineWithItsSeverity() {
        List<Finding> f = scan("""
                {
                  "registry-mirrors": ["https://mirror.gcr.io"],
                  "exec-opts": ["native.cgroupdriver=systemd"],
                  "live-restore": true,
                  "debug": true,
                  "log-driver": "journald",
                  "mystery": 1
                }
                """);
        assertThat(f).extracting(x -> x.location().line() + ":" + x.location().column() + " " + x.ruleId() + " "
                        + x.severity().label())
                .containsExactly("2:3 DS501 warning", "3:3 DS502 warning", "4:3 DS502 note", "5:3 DS502 note",
                        "6:3 DS502 warning", "7:3 DS502 note");
        assertThat(f.get(1).evidence()).isEqualTo("\"exec-opts\": [\"native.cgroupdriver=systemd\"]");
        assertThat(f.get(1).remediation()).contains("SystemdCgroup = true", "cgroupDriver: systemd");
        assertThat(f.get(2).message()).isEqualTo("/etc/docker/daemon.json: 'live-restore' keeps containers running "
                + "while dockerd restarts; nothing to carry over");
        assertThat(f.get(2).remediation()).startsWith("No equivalent needed: containerd's shims");
        assertThat(f.get(4).remediation()).contains("containerd has no log drivers");
        assertThat(f.get(5).message()).contains("'mystery' is a setting shimscan knows no containerd equivalent of");
    }

    @Test
    void theMirrorFindingCarriesTheGeneratedHostsToml() {
        List<Finding> f = scan("{\"registry-mirrors\": [\"https://m.example\"], \"insecure-registries\": "
                + "[\"m.example\", \"10.0.0.0/8\"]}");
        assertThat(f).extracting(Finding::ruleId).containsExactly("DS501", "DS501");
        assertThat(f.get(0).remediation()).contains("Write /etc/containerd/certs.d/docker.io/hosts.toml:\n"
                + "server = \"https://registry-1.docker.io\"\n\n[host.\"https://m.example\"]\n"
                + "  capabilities = [\"pull\", \"resolve\"]\n  skip_verify = true\n");
        assertThat(f.get(1).remediation()).contains("Write /etc/containerd/certs.d/m.example/hosts.toml:\n",
                "10.0.0.0/8 is an address range: containerd has no range setting");
        assertThat(f.get(1).message()).isEqualTo("/etc/docker/daemon.json sets insecure-registries [m.example, "
                + "10.0.0.0/8]: containerd ignores daemon.json and verifies TLS, so pulls from these registries fail "
                + "with certificate errors unless a hosts.toml says skip_verify");
    }

    @Test
    void settingsAndTheirEquivalents() {
        List<Finding> f = scan("""
                {"log-opts": {"max-size": "1g", "max-file": "2"}, "data-root": "/mnt/disk1/docker",
                 "storage-driver": "devicemapper", "max-concurrent-downloads": 3, "default-runtime": "runc",
                 "runtimes": {"gvisor": {"path": "/usr/local/bin/runsc"}}}
                """);
        assertThat(f).extracting(Finding::remediation).containsExactly(
                "kubelet config (/var/lib/kubelet/config.yaml): containerLogMaxSize: 1Gi, containerLogMaxFiles: 2; "
                        + "without them the kubelet keeps 5 files of 10Mi per container.",
                "containerd: root = \"/mnt/disk1/containerd\" at the top of /etc/containerd/config.toml (images and "
                        + "container layers on the same disk as before; the default /var/lib/containerd may sit on a "
                        + "smaller one).",
                "containerd: snapshotter = \"devmapper\" under [plugins.\"io.containerd.grpc.v1.cri\".containerd] "
                        + "(containerd 2.x: the same keys under [plugins.\"io.containerd.cri.v1.runtime\"] and "
                        + "[plugins.\"io.containerd.cri.v1.images\"]), with the devmapper pool configured under "
                        + "[plugins.\"io.containerd.snapshotter.v1.devmapper\"].",
                "containerd: max_concurrent_downloads = 3 under [plugins.\"io.containerd.grpc.v1.cri\"] (containerd "
                        + "2.x: the same keys under [plugins.\"io.containerd.cri.v1.runtime\"] and "
                        + "[plugins.\"io.containerd.cri.v1.images\"]); to pull several images at once also set "
                        + "serializeImagePulls: false in the kubelet config.",
                "No equivalent needed: runc is containerd's default.",
                "containerd: one runtime entry each in /etc/containerd/config.toml, and a RuntimeClass per runtime "
                        + "(handler: the entry's name) for the pods that use it:\n"
                        + "[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.gvisor]\n"
                        + "  runtime_type = \"io.containerd.runc.v2\"\n"
                        + "  [plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.gvisor.options]\n"
                        + "    BinaryName = \"/usr/local/bin/runsc\"");
        assertThat(SettingAdvice.quantity("10m")).isEqualTo("10Mi");
        assertThat(SettingAdvice.quantity("512K")).isEqualTo("512Ki");
        assertThat(SettingAdvice.quantity("100")).isEqualTo("100");
    }

    @Test
    void brokenOrForeignJsonGivesNothing() {
        assertThat(scan("{\"registry-mirrors\": [\"https://m\"],")).isEmpty();
        assertThat(scan("[\"registry-mirrors\"]")).isEmpty();
        assertThat(scan("")).isEmpty();
        assertThat(HostFileFindings.of(RULES, "etc/fluent-bit/x.json", HostFileCategory.LOG_PIPELINE,
                "{\"registry-mirrors\": [\"https://m\"]}")).isEmpty();
    }

    @Test
    void theyReadHostFilesAndManifestsAsTheCatalogSays() {
        assertThat(new ResourceChecker(RULES, SourceKind.CLUSTER).rules()).isEmpty();
        assertThat(new ResourceChecker(RULES, SourceKind.MANIFEST).rules()).hasSize(2);
        assertThat(new ResourceChecker(RULES, SourceKind.HOST).rules()).hasSize(2);
    }
}
