package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.source.cluster.testing.ApiDispatcher;
import dev.shimscan.core.source.cluster.testing.TestApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shimscan plan} on the test cluster ({@code cluster/test-cluster.yaml} plus {@code plan/extra-nodes.yaml}):
 * nodes on dockershim below v1.24 (Ubuntu, Rocky Linux, Windows), on cri-dockerd and on containerd, and a node audit
 * of {@code node-mirrors} ({@code plan/node-mirrors/}: registry mirror, insecure registry, systemd cgroup driver).
 * The reports are made the way a user makes them: {@code shimscan cluster -o json=...} against the test API server
 * and {@code shimscan host --root ... -o json=...}.
 */
class PlanCommandTest {
    private static final Path PROJECT = Cli.projectDir();
    private static final Path GOLDEN = PROJECT.resolve("scanner-cli/src/test/resources/golden/plan/test-cluster.md");
    private static final String REGENERATE = "mvn -B -q -pl scanner-cli -am test -Dtest=PlanCommandTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dshimscan.updateGolden=true";
    private static TestApiServer server;
    private static Path kubeconfig;
    private static Path clusterReport;
    private static Path nodeReport;

    @TempDir
    static Path dir;

    @BeforeAll
    static void audit() throws IOException {
        server = TestApiServer.start(0);
        for (String yaml : List.of("/cluster/test-cluster.yaml", "/plan/extra-nodes.yaml")) {
            try (InputStream in = PlanCommandTest.class.getResourceAsStream(yaml)) {
                server.loadYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), "prod");
        clusterReport = dir.resolve("cluster.json");
        Cli.Run cluster = Cli.shimscan("cluster", "--kubeconfig", kubeconfig.toString(), "-o",
                "json=" + clusterReport);
        assertThat(cluster.exitCode()).as(cluster.toString()).isEqualTo(1);
        nodeReport = dir.resolve("node-mirrors.json");
        Cli.Run host = Cli.shimscan("host", "--root",
                PROJECT.resolve("scanner-cli/src/test/resources/plan/node-mirrors").toString(),
                "--node-name", "node-mirrors", "-o", "json=" + nodeReport);
        assertThat(host.exitCode()).as(host.toString()).isZero();   // warnings only
        server.dispatcher().clearRequests();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String plan() {
        Cli.Run run = Cli.shimscan("plan", clusterReport.toString(), nodeReport.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        return run.out();
    }

    /** The part of the runbook between two headings (or to the end). */
    private static String section(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as("'%s' in the runbook", from).isNotNegative();
        int end = to == null ? -1 : text.indexOf(to, start + from.length());
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }

    @Test
    void runbookOfTheTestClusterMatchesTheGoldenFile() throws IOException {
        String plan = plan();
        if (Boolean.getBoolean("shimscan.updateGolden")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, plan, StandardCharsets.UTF_8);
        }
        assertThat(GOLDEN).as("golden file; create it with: " + REGENERATE).exists();
        assertThat(plan).as("the runbook differs from " + PROJECT.relativize(GOLDEN) + "; if intended: " + REGENERATE)
                .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void workloadsComeFirstThenDockershimThenCriDockerdThenContainerd() {
        String plan = plan();
        assertThat(plan).containsSubsequence(
                "## What shimscan could not know",
                "## Step 1: change these workloads before any node moves",
                "### 1.1 ", "DaemonSet monitoring/log-agent - cluster `prod`, 3 pods", "**DS101**", "Fix: ",
                "## Step 2: move the nodes, one group at a time",
                "### 2.1 dockershim (Docker Engine, kubelet below v1.24): kubelet v1.23.17, Rocky Linux 8.9 (Green "
                        + "Obsidian) (dnf), cluster `prod`", "Nodes: `node-mirrors`",
                "### 2.2 dockershim (Docker Engine, kubelet below v1.24): kubelet v1.23.17, Ubuntu 22.04.4 LTS (apt), "
                        + "cluster `prod`", "Nodes: `node-old`",
                "### 2.3 dockershim (Docker Engine, kubelet below v1.24): kubelet v1.23.17, Windows Server 2019 "
                        + "Datacenter (Windows, PowerShell), cluster `prod`", "Nodes: `node-win-1`",
                "### 2.4 cri-dockerd (Docker Engine, kubelet v1.24 or later): kubelet v1.27.3, Ubuntu 22.04.4 LTS "
                        + "(apt), cluster `prod`", "Nodes: `node-cri-dockerd`", "Nothing breaks today",
                "### 2.5 containerd: kubelet v1.29.2, Ubuntu 22.04.4 LTS (apt), cluster `prod`",
                "Nodes: `node-containerd-1`, `node-containerd-2`", "Already on containerd: nothing to do");
        assertThat(section(plan, "### 2.5 ", null)).doesNotContain("#### Node", "kubectl drain");
        assertThat(section(plan, "## What shimscan could not know", "## Step 1"))
                .contains("No node audit was read for `node-old`: its registry mirrors")
                .contains("No node audit was read for `node-cri-dockerd`")
                .doesNotContain("No node audit was read for `node-mirrors`")
                .contains("Windows nodes `node-win-1`");
    }

    @Test
    void aNodeWithANodeAuditGetsItsMirrorsAsHostsTomlAndItsCgroupDriverInConfigToml() {
        String node = section(plan(), "#### Node `node-mirrors`", "### 2.2 ");
        assertThat(node).contains("Node audit: 2 hosts.toml files from its daemon.json; cgroup driver systemd.");
        assertThat(node).contains("""
                cat <<'EOF' | sudo tee /etc/containerd/config.toml
                version = 2

                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                  runtime_type = "io.containerd.runc.v2"

                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                  SystemdCgroup = true

                [plugins."io.containerd.grpc.v1.cri".registry]
                  config_path = "/etc/containerd/certs.d"
                EOF
                """);
        assertThat(node).contains("""
                sudo mkdir -p /etc/containerd/certs.d/docker.io
                cat <<'EOF' | sudo tee /etc/containerd/certs.d/docker.io/hosts.toml
                server = "https://registry-1.docker.io"

                [host."https://mirror.corp.example:5000"]
                  capabilities = ["pull", "resolve"]
                EOF
                sudo mkdir -p /etc/containerd/certs.d/registry.corp.example:5000
                cat <<'EOF' | sudo tee /etc/containerd/certs.d/registry.corp.example:5000/hosts.toml
                server = "https://registry.corp.example:5000"

                [host."https://registry.corp.example:5000"]
                  capabilities = ["pull", "resolve", "push"]
                  skip_verify = true
                EOF
                """);
        assertThat(node).containsSubsequence(
                "kubectl drain node-mirrors --ignore-daemonsets --delete-emptydir-data --context prod",
                "sudo systemctl stop kubelet", "sudo systemctl disable --now docker.socket docker.service",
                "rpm -q containerd.io || sudo dnf install -y containerd.io", "sudo dnf mark install containerd.io",
                "sudo tee /etc/containerd/config.toml", "certs.d/docker.io/hosts.toml",
                "KUBELET_KUBEADM_ARGS=\"--container-runtime=remote "
                        + "--container-runtime-endpoint=unix:///run/containerd/containerd.sock #' "
                        + "/var/lib/kubelet/kubeadm-flags.env",
                "sudo systemctl enable --now containerd", "sudo systemctl start kubelet",
                "(now /var/run/dockershim.sock)",
                "kubectl annotate node node-mirrors --overwrite "
                        + "kubeadm.alpha.kubernetes.io/cri-socket=unix:///run/containerd/containerd.sock --context prod",
                "Verify: the node is Ready and CONTAINER-RUNTIME shows containerd://",
                "kubectl get nodes -o wide --context prod",
                "rpm -q \"$p\" >/dev/null && sudo dnf remove -y \"$p\"",
                "kubectl uncordon node-mirrors --context prod");
        assertThat(node).as("the log-driver setting is listed to handle, the mirrors and driver are in the steps")
                .contains("- **DS502** `etc/docker/daemon.json:5`").doesNotContain("**DS501**");
    }

    @Test
    void aNodeWithoutNodeAuditReadsItsCgroupDriverOnTheNodeAndGetsNoHostsToml() {
        String node = section(plan(), "#### Node `node-old`", "### 2.3 ");
        assertThat(node).contains("""
                CGROUP=false; grep -qs '^cgroupDriver: systemd' /var/lib/kubelet/config.yaml && CGROUP=true
                cat <<EOF | sudo tee /etc/containerd/config.toml
                """).contains("  SystemdCgroup = ${CGROUP}\n")
                .contains("  config_path = \"/etc/containerd/certs.d\"\n")
                .doesNotContain("hosts.toml", "Node audit:");
        assertThat(node).containsSubsequence("kubectl drain node-old ", "apt-get install -y containerd",
                "kubectl annotate node node-old ", "sudo apt-get purge -y \"$p\"", "kubectl uncordon node-old ");
    }

    @Test
    void windowsAndCriDockerdNodesGetTheirOwnSteps() {
        String plan = plan();
        String windows = section(plan, "#### Node `node-win-1`", "### 2.4 ");
        assertThat(windows).containsSubsequence("```powershell", "Stop-Service kubelet", "Stop-Service docker",
                "containerd.exe --register-service",
                "--container-runtime=remote --container-runtime-endpoint=npipe:////./pipe/containerd-containerd",
                "Start-Service kubelet",
                "kubectl annotate node node-win-1 --overwrite "
                        + "kubeadm.alpha.kubernetes.io/cri-socket=npipe:////./pipe/containerd-containerd",
                "Uninstall-Package -Name docker", "kubectl uncordon node-win-1")
                .doesNotContain("systemctl", "/etc/containerd");
        String criDockerd = section(plan, "#### Node `node-cri-dockerd`", "### 2.5 ");
        assertThat(criDockerd).contains("sudo systemctl disable --now cri-docker.socket cri-docker.service")
                .contains("-e 's#^KUBELET_KUBEADM_ARGS=\"#KUBELET_KUBEADM_ARGS=\"--container-runtime-endpoint=")
                .doesNotContain("--container-runtime=remote")
                .contains("docker.io cri-dockerd; do");
    }

    @Test
    void liveAuditMakesOnlyGetRequestsAndPlansTheSameNodes() {
        Cli.Run live = Cli.shimscan("plan", "--kubeconfig", kubeconfig.toString(), "--chunk-size", "1");
        assertThat(live.exitCode()).as(live.toString()).isZero();
        List<ApiDispatcher.Request> requests = server.dispatcher().requests();
        assertThat(requests).hasSizeGreaterThan(20);
        assertThat(requests).allSatisfy(r -> assertThat(r.method()).as(r.path()).isEqualTo("GET"));
        assertThat(requests).noneMatch(r -> r.path().contains("secrets"));
        Cli.Run saved = Cli.shimscan("plan", clusterReport.toString());
        String from = "## What shimscan could not know";
        assertThat(live.out()).startsWith("# Migration runbook: Docker Engine to containerd")
                .contains("Written by `shimscan plan` from `live audit of context prod`.");
        assertThat(section(live.out(), from, null)).isEqualTo(section(saved.out(), from, null));
    }

    @Test
    void savedReportsAndConnectionOptionsDoNotMix() {
        Cli.Run run = Cli.shimscan("plan", clusterReport.toString(), "--context", "prod");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("give saved REPORTs or cluster connection options");
    }

    @Test
    void theRunbookAlsoComesAsOneSelfContainedHtmlPage() throws IOException {
        String markdown = plan();
        Path page = Files.createTempFile("runbook", ".html");
        Cli.Run run = Cli.shimscan("plan", clusterReport.toString(), nodeReport.toString(), "--output", page.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String html = Files.readString(page);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("default-src 'none'").doesNotContain("<script")
                .contains("<pre><code").contains("node-mirrors").contains("SystemdCgroup = true");
        // every node name of the Markdown runbook is on the page
        java.util.regex.Matcher drain = java.util.regex.Pattern.compile("kubectl drain (\\S+)").matcher(markdown);
        int drains = 0;
        while (drain.find()) {
            assertThat(html).contains("kubectl drain " + drain.group(1));
            drains++;
        }
        assertThat(drains).isPositive();

        Cli.Run bad = Cli.shimscan("plan", clusterReport.toString(), "--format", "pdf");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("markdown or html");
    }
}
