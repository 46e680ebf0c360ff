package dev.shimscan.core.source.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.source.cluster.testing.TestApiServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link KubeApi} refuses to send and what it keeps out of its messages: a path that names Secrets or that a
 * name from the server could have steered ({@code ..}, an escaped slash) is never requested, and the credential a
 * request carried is cut out of the error message the server sent back.
 */
class KubeApiGuardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pathsThatNameSecretsOrCouldHaveBeenSteeredAreRefused() {
        for (String path : List.of("/version", "/api", "/apis", "/apis/argoproj.io/v1alpha1", "/api/v1/nodes",
                "/api/v1/pods", "/api/v1/namespaces/ci/pods", "/apis/apps/v1/namespaces/ci/deployments",
                "/api/v1/nodes/node-1/proxy/configz", "/api/v1/namespaces/secrets/configmaps",
                "/apis/monitoring.coreos.com/v1/prometheusrules", "/api/v1/namespaces/secrets")) {
            assertThat(KubeApi.refusal(path)).as(path).isNull();
        }
        assertThat(KubeApi.refusal("/api/v1/secrets")).isEqualTo("shimscan never reads Secrets");
        assertThat(KubeApi.refusal("/api/v1/namespaces/kube-system/secrets")).isEqualTo("shimscan never reads Secrets");
        assertThat(KubeApi.refusal("/api/v1/namespaces/kube-system/Secrets/admin-token"))
                .isEqualTo("shimscan never reads Secrets");
        assertThat(KubeApi.refusal("/apis/argoproj.io/../../api/v1/secrets"))
                .isEqualTo("the path segment '..' is not a Kubernetes name");
        assertThat(KubeApi.refusal("/api/v1/nodes/./proxy/configz"))
                .isEqualTo("the path segment '.' is not a Kubernetes name");
        assertThat(KubeApi.refusal("/api/v1/nodes/a%2F..%2Fsecrets/proxy/configz"))
                .isEqualTo("the path segment 'a%2F..%2Fsecrets' is not a Kubernetes name");
        assertThat(KubeApi.refusal("/api/v1/nodes/x?watch=true/proxy/configz"))
                .isEqualTo("the path segment 'x?watch=true' is not a Kubernetes name");
        assertThat(KubeApi.refusal("/api/v1/nodes//proxy/configz")).isEqualTo("the path segment '' is not a Kubernetes name");
        assertThat(KubeApi.refusal("api/v1/pods")).isEqualTo("not an absolute path");
    }

    @Test
    void theCredentialARequestCarriedIsCutOutOfWhatTheServerSaysBack() {
        assertThat(KubeApi.withoutCredential("token Bearer abc.def-123 is expired", "Bearer abc.def-123"))
                .isEqualTo("token [credential withheld] is expired");
        assertThat(KubeApi.withoutCredential("unknown token abc.def-123", "Bearer abc.def-123"))
                .isEqualTo("unknown token [credential withheld]");
        assertThat(KubeApi.withoutCredential("user dXNlcjpwYXNz denied", "Basic dXNlcjpwYXNz"))
                .isEqualTo("user [credential withheld] denied");
        assertThat(KubeApi.withoutCredential("etcdserver: request timed out", null))
                .isEqualTo("etcdserver: request timed out");
        assertThat(KubeApi.withoutCredential("a b c", "Bearer b")).as("too short to cut out safely")
                .isEqualTo("a b c");
    }

    /**
     * A node whose name climbs out of its path (a hostile or broken API server can return anything): with
     * {@code --kubelet-config} its {@code /proxy/configz} path would resolve to a Secret; it is refused, never sent,
     * and named in the report.
     */
    @Test
    void aNodeNameThatWouldReachASecretIsNeverRequested(@TempDir Path dir) throws Exception {
        try (TestApiServer server = TestApiServer.start(0)) {
            server.loadYaml("""
                    apiVersion: v1
                    kind: Node
                    metadata: {name: "../namespaces/kube-system/secrets/admin-token"}
                    ---
                    apiVersion: v1
                    kind: Node
                    metadata: {name: node-1}
                    ---
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: admin-token, namespace: kube-system}
                    data: {token: c2VjcmV0}
                    """);
            server.dispatcher().setConfigz("node-1", JSON.createObjectNode().put("kind", "KubeletConfiguration"));
            Path kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), "test");
            List<ClusterTarget> targets = new ClusterTargets(Map.of(), dir)
                    .resolve(new ConnectionOptions(kubeconfig, List.of(), false));
            AuditOptions options = new AuditOptions(List.of(), false, false, true, 500, 1, Duration.ofSeconds(10),
                    RetryPolicy.DEFAULT);
            ClusterScan scan = new ClusterAudit(List.of(), options, AuditProgress.NONE, Clock.systemUTC(), d -> { })
                    .run(targets);

            assertThat(server.dispatcher().requests()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.path().toLowerCase(Locale.ROOT)).doesNotContain("secret");
                assertThat(r.method()).isEqualTo("GET");
            });
            assertThat(server.dispatcher().requests()).anyMatch(r -> r.path().equals("/api/v1/nodes/node-1/proxy/configz"));
            assertThat(scan.skipped()).containsExactly(new Report.Skipped(
                    "KubeletConfiguration of node ../namespaces/kube-system/secrets/admin-token", null,
                    "refused to request /api/v1/nodes/../namespaces/kube-system/secrets/admin-token/proxy/configz: "
                            + "the path segment '..' is not a Kubernetes name"));
            assertThat(scan.result().objectsByKind()).containsEntry("KubeletConfiguration", 1);
        }
    }
}
