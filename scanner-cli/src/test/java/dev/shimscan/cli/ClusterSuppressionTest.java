package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimscan.core.source.cluster.testing.TestApiServer;
import dev.shimscan.core.testing.ReportSchemaValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suppressions in a live cluster: a pod's finding is reported at its top-level owner, so the owner's
 * {@code shimscan.io/ignore} annotation suppresses it, also when only the pod has the dependency (an injected
 * sidecar the Deployment's template does not show). Against the HTTPS test API server.
 */
class ClusterSuppressionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestApiServer server;
    private static Path kubeconfig;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        server = TestApiServer.start(0);
        server.loadYaml("""
                {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-1"}, "status": {"nodeInfo": {"containerRuntimeVersion": "containerd://1.7.13", "kubeletVersion": "v1.29.2"}}}
                ---
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "apps", "uid": "uid-web", "annotations": {"shimscan.io/ignore": "DS101", "shimscan.io/ignore-reason": "sidecar injected by the APM vendor (APM-3)"}}, "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "main", "image": "busybox:1.36"}]}}}}
                ---
                {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "web-1", "namespace": "apps", "uid": "uid-web-1", "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "uid": "uid-web", "controller": true}]}, "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "main", "image": "busybox:1.36"}]}}}}
                ---
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-1-a", "namespace": "apps", "uid": "uid-web-1-a", "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-1", "uid": "uid-web-1", "controller": true}]}, "spec": {"containers": [{"name": "main", "image": "busybox:1.36"}, {"name": "apm", "image": "example.com/apm:1", "volumeMounts": [{"name": "sock", "mountPath": "/var/run/docker.sock"}]}], "volumes": [{"name": "sock", "hostPath": {"path": "/var/run/docker.sock"}}], "nodeName": "node-1"}}
                ---
                {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "agent", "namespace": "monitoring", "uid": "uid-agent"}, "spec": {"selector": {"matchLabels": {"app": "agent"}}, "template": {"metadata": {"labels": {"app": "agent"}}, "spec": {"containers": [{"name": "agent", "image": "example.com/agent:2", "volumeMounts": [{"name": "sock", "mountPath": "/var/run/docker.sock"}]}], "volumes": [{"name": "sock", "hostPath": {"path": "/var/run/docker.sock"}}]}}}}
                ---
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "agent-x", "namespace": "monitoring", "uid": "uid-agent-x", "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "agent", "uid": "uid-agent", "controller": true}]}, "spec": {"containers": [{"name": "agent", "image": "example.com/agent:2", "volumeMounts": [{"name": "sock", "mountPath": "/var/run/docker.sock"}]}], "volumes": [{"name": "sock", "hostPath": {"path": "/var/run/docker.sock"}}], "nodeName": "node-1"}}
                """);
        kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), "prod");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void theOwnersAnnotationSuppressesWhatOnlyItsPodsHave() throws IOException {
        Cli.Run run = Cli.shimscan("cluster", "--kubeconfig", kubeconfig.toString(), "--format", "json", "--rule", "DS101");
        JsonNode report = JSON.readTree(run.out());
        ReportSchemaValidator.assertValid(report);
        List<String> findings = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            findings.add(f.at("/object/kind").asText() + "/" + f.at("/object/name").asText() + " pods "
                    + f.path("podCount").asInt() + (f.path("suppressed").asBoolean() ? " suppressed: "
                    + f.at("/suppression/reason").asText() + " (" + f.at("/suppression/origin").asText() + ")" : ""));
        }
        assertThat(findings).containsExactlyInAnyOrder(
                "Deployment/web pods 1 suppressed: sidecar injected by the APM vendor (APM-3) (Deployment/apps/web)",
                "DaemonSet/agent pods 1");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(report.at("/summary/suppressed").asInt()).isEqualTo(1);
    }

    @Test
    void aConfigEntryMatchesTheOwner() throws IOException {
        Path config = Cli.write(dir.resolve("cluster.shimscan.yaml"), """
                suppressions:
                  - {rule: DS101, kind: DaemonSet, namespace: monitoring, name: agent, reason: "node agent (OPS-2)"}
                """);
        Cli.Run run = Cli.shimscan("cluster", "--kubeconfig", kubeconfig.toString(), "--format", "json", "--rule",
                "DS101", "--config", config.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(0);
        assertThat(JSON.readTree(run.out()).at("/summary/suppressed").asInt()).isEqualTo(2);
    }
}
