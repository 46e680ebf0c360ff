package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimscan.core.source.cluster.testing.ApiDispatcher;
import dev.shimscan.core.source.cluster.testing.TestApiServer;
import dev.shimscan.core.testing.ReportSchemaValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shimscan cluster --kubeconfig FILE} as a user runs it, against a real HTTPS API server on loopback
 * (fabric8's CRUD mock behind {@link ApiDispatcher}) that holds {@code cluster/test-cluster.yaml}: several
 * namespaces, every workload kind, a Deployment scaled to zero, CronJobs with and without pods, a static pod,
 * custom resources with pods, nodes on docker:// below and above v1.24 and on containerd. Lists are read one
 * object per page ({@code --chunk-size 1}), so every list crosses pages. One server for the whole class.
 */
class ClusterCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestApiServer server;
    private static Path kubeconfig;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        server = TestApiServer.start(0);
        try (InputStream in = ClusterCommandTest.class.getResourceAsStream("/cluster/test-cluster.yaml")) {
            server.loadYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), "prod");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    @AfterEach
    void clean() {
        server.dispatcher().clearFaults();
        server.dispatcher().clearRequests();
    }

    private static Cli.Run audit(String... extra) {
        List<String> args = new ArrayList<>(List.of("cluster", "--kubeconfig", kubeconfig.toString(), "--chunk-size", "1",
                "--format", "json"));
        args.addAll(List.of(extra));
        return Cli.shimscan(args.toArray(String[]::new));
    }

    private static JsonNode json(Cli.Run run) throws IOException {
        JsonNode report = JSON.readTree(run.out());
        ReportSchemaValidator.assertValid(report);
        return report;
    }

    /** {@code Kind/ns/name} of each finding of one rule, with its podCount. */
    private static Map<String, Integer> byObject(JsonNode report, String rule) {
        Map<String, Integer> out = new TreeMap<>();
        for (JsonNode f : report.path("findings")) {
            if (f.path("ruleId").asText().equals(rule)) {
                String key = display(f.path("object"));
                assertThat(out).as("one %s finding per object in this cluster", rule).doesNotContainKey(key);
                out.put(key, f.has("podCount") ? f.path("podCount").asInt() : null);
            }
        }
        return out;
    }

    private static String display(JsonNode o) {
        return o.path("kind").asText() + "/" + (o.hasNonNull("namespace") ? o.path("namespace").asText() + "/" : "")
                + o.path("name").asText();
    }

    @Test
    void reportsEachDockerSocketOnceAtItsTopLevelOwnerWithThePodsThatShareIt() throws IOException {
        Cli.Run run = audit();
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        JsonNode report = json(run);
        assertThat(byObject(report, "DS101")).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("DaemonSet/monitoring/log-agent", 3),
                Map.entry("Deployment/ci/runner", 0),            // scaled to zero: seen through its template
                Map.entry("Deployment/apps/web", 1),             // only one pod has the injected sidecar
                Map.entry("CronJob/batch-jobs/image-prune", 0),  // suspended, no Job, no pod
                Map.entry("CronJob/batch-jobs/cleanup", 1),      // Pod -> Job -> CronJob
                Map.entry("ReplicationController/apps/legacy", 1),
                Map.entry("PodTemplate/ci/jenkins-agent", 0),
                Map.entry("Pod/kube-system/npd-node-old", 1),    // a static pod is audited as a pod
                Map.entry("Pod/apps/debug", 1),
                Map.entry("Workflow/ci/build-wf", 1),            // a pod owned by a custom resource
                Map.entry("Rollout/apps/canary", 1),             // Pod -> ReplicaSet -> Rollout
                Map.entry("ReplicaSet/apps/orphan-rs", 0)));
        assertThat(byObject(report, "DS103")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DaemonSet/monitoring/log-agent", 3, "Job/batch-jobs/one-off", 1));
        assertThat(byObject(report, "DS104")).containsExactlyInAnyOrderEntriesOf(Map.of("StatefulSet/ci/builder", 2));
        assertThat(byObject(report, "DS105")).containsExactlyInAnyOrderEntriesOf(
                Map.of("CronJob/batch-jobs/image-prune", 0));
        assertThat(byObject(report, "DS106")).containsKey("ConfigMap/ci/gitlab-runner");
    }

    @Test
    void findingsCarryThePathInsideTheOwnerAndTheCluster() throws IOException {
        JsonNode report = json(audit());
        Map<String, String> paths = new TreeMap<>();
        for (JsonNode f : report.path("findings")) {
            if (f.path("ruleId").asText().equals("DS101")) {
                paths.put(display(f.path("object")), f.path("path").asText());
                assertThat(f.path("cluster").asText()).isEqualTo("prod");
                assertThat(f.has("location")).isFalse();
                assertThat(display(f.path("owner"))).isEqualTo(display(f.path("object")));
            }
        }
        assertThat(paths).containsEntry("Deployment/ci/runner", "spec.template.spec.volumes[0].hostPath.path")
                .containsEntry("Deployment/apps/web", "spec.template.spec.volumes[0].hostPath.path")
                .containsEntry("CronJob/batch-jobs/cleanup", "spec.jobTemplate.spec.template.spec.volumes[0].hostPath.path")
                .containsEntry("PodTemplate/ci/jenkins-agent", "template.spec.volumes[0].hostPath.path")
                .containsEntry("Pod/apps/debug", "spec.volumes[0].hostPath.path")
                .containsEntry("Workflow/ci/build-wf", "spec.volumes[0].hostPath.path");
        List<String> fingerprints = new ArrayList<>();
        report.path("findings").forEach(f -> fingerprints.add(f.path("fingerprint").asText()));
        assertThat(fingerprints).doesNotHaveDuplicates();
    }

    @Test
    void nodesTableAndDockershimVerdict() throws IOException {
        JsonNode report = json(audit());
        Map<String, String> runtimes = new TreeMap<>();
        for (JsonNode n : report.path("nodes")) {
            runtimes.put(n.path("name").asText(), n.path("containerRuntimeVersion").asText() + " "
                    + n.path("kubeletVersion").asText() + " " + n.path("containerRuntime").asText());
        }
        assertThat(runtimes).containsExactly(
                Map.entry("node-containerd-1", "containerd://1.7.13 v1.29.2 containerd"),
                Map.entry("node-containerd-2", "containerd://1.7.13 v1.29.2 containerd"),
                Map.entry("node-cri-dockerd", "docker://24.0.7 v1.27.3 docker"),
                Map.entry("node-old", "docker://20.10.7 v1.23.17 docker"));
        assertThat(report.at("/nodes/3/criSocketAnnotation").asText()).isEqualTo("/var/run/dockershim.sock");
        Map<String, String> ds401 = new TreeMap<>();
        for (JsonNode f : report.path("findings")) {
            if (f.path("ruleId").asText().equals("DS401")) {
                ds401.put(f.at("/object/name").asText(), f.path("severity").asText());
            }
        }
        assertThat(ds401).containsExactly(Map.entry("node-cri-dockerd", "warning"), Map.entry("node-old", "error"));
        assertThat(byObject(report, "DS402")).containsOnlyKeys("Node/node-old");
        JsonNode cluster = report.at("/clusters/0");
        assertThat(cluster.path("name").asText()).isEqualTo("prod");
        assertThat(cluster.path("onDockershim").asBoolean()).isTrue();
        assertThat(cluster.path("dockershimNodes").asInt()).isEqualTo(1);
        assertThat(cluster.path("criDockerdNodes").asInt()).isEqualTo(1);
        assertThat(cluster.path("verdict").asText()).startsWith("Cluster prod is still on dockershim: 1 of 4 nodes");
        assertThat(report.at("/coverage/notChecked/0/kind").asText()).isEqualTo("KubeletConfiguration");
        assertThat(report.at("/coverage/skipped")).isEmpty();
        assertThat(report.at("/scan/source").asText()).isEqualTo("cluster");
        assertThat(report.at("/scan/targets/0").asText()).isEqualTo("prod");
        assertThat(report.at("/coverage/inspected/Pod").asInt()).isEqualTo(15);
        assertThat(report.at("/coverage/inspected/Node").asInt()).isEqualTo(4);
        assertThat(report.at("/coverage/inspected").has("Secret")).isFalse();
    }

    @Test
    void everyRequestIsAGetWithTheTokenNoneTouchesSecretsAndEveryListCrossesPages() {
        Cli.Run run = audit();
        assertThat(run.exitCode()).isEqualTo(1);
        List<ApiDispatcher.Request> requests = server.dispatcher().requests();
        assertThat(requests).hasSizeGreaterThan(40);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path().toLowerCase()).doesNotContain("secret");
            assertThat(r.authorization()).isEqualTo("Bearer " + TestApiServer.TOKEN);
        });
        Set<String> listsWithPages = requests.stream().map(ApiDispatcher.Request::path)
                .filter(p -> p.contains("continue="))
                .map(p -> p.substring(0, p.indexOf('?'))).collect(Collectors.toCollection(TreeSet::new));
        assertThat(listsWithPages).contains("/api/v1/nodes", "/api/v1/pods", "/api/v1/configmaps",
                "/api/v1/replicationcontrollers", "/api/v1/podtemplates", "/apis/apps/v1/deployments",
                "/apis/apps/v1/replicasets", "/apis/apps/v1/statefulsets", "/apis/apps/v1/daemonsets",
                "/apis/batch/v1/jobs", "/apis/batch/v1/cronjobs", "/apis/argoproj.io/v1alpha1/workflows");
        assertThat(server.dispatcher().openSnapshots()).isZero();
    }

    @Test
    void forbiddenConfigMapsAreReportedAsSkippedAndTheRestIsAudited() throws IOException {
        server.fault("/configmaps", 403, Integer.MAX_VALUE, Map.of());
        Cli.Run run = audit("--fail-on", "never");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode report = json(run);
        assertThat(report.at("/coverage/skipped")).hasSize(1);
        assertThat(report.at("/coverage/skipped/0/kind").asText()).isEqualTo("ConfigMap");
        assertThat(report.at("/coverage/skipped/0/namespace").asText()).isEqualTo("*");
        assertThat(report.at("/coverage/skipped/0/reason").asText()).isEqualTo("forbidden");
        assertThat(byObject(report, "DS101")).hasSize(12);
        assertThat(byObject(report, "DS106")).doesNotContainKey("ConfigMap/ci/gitlab-runner");
    }

    @Test
    void throttledThenServedRequestsAreRetried() throws IOException {
        JsonNode baseline = json(audit());
        server.clean();
        server.fault("/apis/apps/v1/deployments", 429, 2, Map.of("Retry-After", "0"));
        Cli.Run run = audit();
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode report = json(run);
        assertThat(report.at("/coverage/skipped")).isEmpty();
        assertThat(report.path("findings")).isEqualTo(baseline.path("findings"));
        long deploymentLists = server.dispatcher().requests().stream()
                .filter(r -> r.path().equals("/apis/apps/v1/deployments?limit=1")).count();
        assertThat(deploymentLists).isEqualTo(3);
    }

    @Test
    void aServerErrorMidPaginationIsRetriedAndAnExpiredContinueTokenRestartsTheList() throws IOException {
        JsonNode baseline = json(audit());
        server.clean();
        server.faultOnContinue("/api/v1/pods", 500, 1);
        server.expireContinueTokens("/apis/apps/v1/replicasets", 1);
        Cli.Run run = audit();
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        JsonNode report = json(run);
        assertThat(report.at("/coverage/skipped")).isEmpty();
        assertThat(report.path("findings")).isEqualTo(baseline.path("findings"));
        assertThat(report.at("/coverage/inspected")).isEqualTo(baseline.at("/coverage/inspected"));
        long restarts = server.dispatcher().requests().stream()
                .filter(r -> r.path().equals("/apis/apps/v1/replicasets?limit=1")).count();
        assertThat(restarts).isEqualTo(2);
    }

    /** The report with its one varying field, the duration, blanked. */
    private static String withoutDuration(Cli.Run run) {
        return run.out().replaceAll("\"durationMs\"\\s*:\\s*\\d+", "\"durationMs\":0");
    }

    @Test
    void theReportIsTheSameWhateverTheNumberOfRequestsInFlight() throws IOException {
        Cli.Run one = audit("--max-requests", "1");
        Cli.Run four = audit("--max-requests", "4");
        Cli.Run many = audit("--max-requests", "16");
        assertThat(one.exitCode()).as(one.toString()).isEqualTo(1);
        assertThat(four.exitCode()).isEqualTo(1);
        assertThat(many.exitCode()).isEqualTo(1);
        assertThat(withoutDuration(one)).contains("\"durationMs\":0").contains("DaemonSet", "podCount");
        assertThat(withoutDuration(four)).isEqualTo(withoutDuration(one));
        assertThat(withoutDuration(many)).isEqualTo(withoutDuration(one));
        assertThat(byObject(json(four), "DS101")).hasSize(12).containsEntry("DaemonSet/monitoring/log-agent", 3)
                .containsEntry("Rollout/apps/canary", 1).containsEntry("CronJob/batch-jobs/cleanup", 1);
        // pages of three objects: fewer pages, each split differently, the same report
        Cli.Run paged = Cli.shimscan("cluster", "--kubeconfig", kubeconfig.toString(), "--chunk-size", "3",
                "--max-requests", "4", "--format", "json");
        assertThat(withoutDuration(paged)).isEqualTo(withoutDuration(one));
    }

    @Test
    void faultsOnSomeTypesWhileOthersAreReadEndInTheSameCoverageWithOneOrFourRequestsInFlight() throws IOException {
        List<String> reports = new ArrayList<>();
        for (String inFlight : List.of("4", "1")) {
            server.clean();
            server.fault("/configmaps", 403, Integer.MAX_VALUE, Map.of());
            server.fault("/apis/batch/v1/jobs", 503, Integer.MAX_VALUE, Map.of("Retry-After", "0"));
            server.faultOnContinue("/api/v1/pods", 500, 1);
            server.expireContinueTokens("/apis/apps/v1/replicasets", 1);
            Cli.Run run = audit("--max-requests", inFlight, "--fail-on", "never");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            JsonNode report = json(run);
            assertThat(report.at("/coverage/skipped").toString()).isEqualTo("[{\"kind\":\"Job\",\"namespace\":\"*\","
                    + "\"reason\":\"GET /apis/batch/v1/jobs: HTTP 503 after 6 tries (injected fault)\"},"
                    + "{\"kind\":\"ConfigMap\",\"namespace\":\"*\",\"reason\":\"forbidden\"}]");
            assertThat(report.at("/coverage/inspected/Pod").asInt()).isEqualTo(15);
            assertThat(report.at("/coverage/inspected/ReplicaSet").asInt()).isEqualTo(4);
            assertThat(report.at("/coverage/inspected").has("Job")).isFalse();
            assertThat(report.at("/coverage/inspected").has("ConfigMap")).isFalse();
            // the Jobs' pods are still seen, at the Jobs they name (which could not be read, so neither could
            // their CronJob); the ReplicaSets' pods at their Deployment and Rollout
            assertThat(byObject(report, "DS103")).containsEntry("Job/batch-jobs/one-off", 1);
            assertThat(byObject(report, "DS101")).hasSize(13).containsEntry("Job/batch-jobs/cleanup-2860", 1)
                    .containsEntry("CronJob/batch-jobs/cleanup", 0).containsEntry("Rollout/apps/canary", 1)
                    .containsEntry("Deployment/apps/web", 1).containsEntry("DaemonSet/monitoring/log-agent", 3);
            assertThat(byObject(report, "DS106")).doesNotContainKey("ConfigMap/ci/gitlab-runner");
            assertThat(server.dispatcher().requests().stream()
                    .filter(r -> r.path().equals("/apis/apps/v1/replicasets?limit=1")).count()).isEqualTo(2);
            reports.add(withoutDuration(run));
        }
        assertThat(reports.get(0)).isEqualTo(reports.get(1));
    }

    @Test
    void maxRequestsMustBePositive() {
        Cli.Run run = audit("--max-requests", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--max-requests must be 1 or more, was 0");
        assertThat(server.dispatcher().requests()).isEmpty();
    }

    @Test
    void aServerThatKeepsFailingLeavesThatTypeSkipped() throws IOException {
        server.fault("/apis/batch/v1/jobs", 503, Integer.MAX_VALUE, Map.of("Retry-After", "0"));
        Cli.Run run = audit("--fail-on", "never");
        assertThat(run.exitCode()).isEqualTo(3);
        JsonNode report = json(run);
        assertThat(report.at("/coverage/skipped/0/kind").asText()).isEqualTo("Job");
        assertThat(report.at("/coverage/skipped/0/reason").asText()).contains("HTTP 503 after 6 tries");
        // the Job's pod is still seen, at the Job it names (which could not be read)
        assertThat(byObject(report, "DS103")).containsEntry("Job/batch-jobs/one-off", 1);
    }

    @Test
    void namespacesLimitWhatIsRead() throws IOException {
        JsonNode report = json(audit("-n", "ci", "--namespace", "kube-system"));
        assertThat(byObject(report, "DS101")).containsOnlyKeys("Deployment/ci/runner", "PodTemplate/ci/jenkins-agent",
                "Workflow/ci/build-wf", "Pod/kube-system/npd-node-old");
        assertThat(server.dispatcher().requests()).noneMatch(r -> r.path().startsWith("/api/v1/pods"));
        assertThat(server.dispatcher().requests()).anyMatch(r -> r.path().startsWith("/api/v1/namespaces/ci/pods?"));
        assertThat(report.path("nodes")).hasSize(4);
    }

    @Test
    void configMapsAndCustomResourcesCanBeLeftOut() throws IOException {
        JsonNode report = json(audit("--no-configmaps", "--no-custom-resources"));
        assertThat(server.dispatcher().requests()).noneMatch(r -> r.path().contains("configmaps")
                || r.path().startsWith("/apis/argoproj.io") || r.path().equals("/apis"));
        assertThat(report.at("/coverage/notChecked").toString()).contains("--no-configmaps", "--no-custom-resources");
        assertThat(report.at("/coverage/skipped")).isEmpty();
        // the Workflow's pod is still reported, at the Workflow its owner reference names
        assertThat(byObject(report, "DS101")).containsEntry("Workflow/ci/build-wf", 1);
    }

    @Test
    void allContextsAuditsEachClusterAndTagsItsFindings() throws IOException {
        Path two = server.writeKubeconfig(dir.resolve("two-contexts"), "eu", "us");
        Cli.Run run = Cli.shimscan("cluster", "--kubeconfig", two.toString(), "--all-contexts", "--format", "json");
        JsonNode report = json(run);
        Map<String, Long> byCluster = new TreeMap<>();
        report.path("findings").forEach(f -> byCluster.merge(f.path("cluster").asText(), 1L, Long::sum));
        assertThat(byCluster).containsOnlyKeys("eu", "us");
        assertThat(byCluster.get("eu")).isEqualTo(byCluster.get("us"));
        assertThat(report.path("clusters")).hasSize(2);
        assertThat(report.path("nodes")).hasSize(8);
        assertThat(report.at("/scan/targets").toString()).isEqualTo("[\"eu\",\"us\"]");
    }

    @Test
    void kubeconfigFilesInKubeconfigAreMergedAsKubectlDoes() throws IOException {
        Path a = server.writeKubeconfig(dir.resolve("a"), "first");
        Path b = server.writeKubeconfig(dir.resolve("b"), "second");
        Cli.Run run = Cli.cli().env("KUBECONFIG", a + ":" + dir.resolve("missing") + ":" + b)
                .run("cluster", "--context", "second", "--format", "json", "--no-configmaps");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(json(run).at("/scan/targets/0").asText()).isEqualTo("second");
        Cli.Run current = Cli.cli().env("KUBECONFIG", a + ":" + b).run("cluster", "-o", "json", "--no-configmaps");
        assertThat(json(current).at("/scan/targets/0").asText()).isEqualTo("first");
    }

    @Test
    void anUnknownContextIsAUsageError() {
        Cli.Run run = Cli.shimscan("cluster", "--kubeconfig", kubeconfig.toString(), "--context", "nope");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no context 'nope' in the kubeconfig").contains("contexts: prod");
        assertThat(server.dispatcher().requests()).isEmpty();
    }

    @Test
    void anUnreachableClusterStopsTheRun() throws IOException {
        Path kc = dir.resolve("unreachable");
        Files.writeString(kc, Files.readString(kubeconfig).replace(server.url(), "https://localhost:1"));
        Cli.Run run = Cli.shimscan("cluster", "--kubeconfig", kc.toString(), "--request-timeout", "2s");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("shimscan: cannot audit context prod (server https://localhost:1): "
                + "connection refused\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void consoleShowsTheVerdictAndTheDockerNodes() {
        Cli.Run run = Cli.shimscan("cluster", "--kubeconfig", kubeconfig.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Nodes on Docker Engine\n  prod  node-cri-dockerd  docker://24.0.7  kubelet v1.27.3\n"
                + "  prod  node-old  docker://20.10.7  kubelet v1.23.17\n");
        assertThat(run.out()).contains("Cluster prod is still on dockershim: 1 of 4 nodes run Docker Engine");
        assertThat(run.out()).contains("DaemonSet/monitoring/log-agent");
        assertThat(run.err()).doesNotContain("SLF4J").doesNotContain(TestApiServer.TOKEN);
    }

    @Test
    void kubeletConfigIsReadThroughTheNodeProxyOnlyWhenAsked() throws IOException {
        server.fault("/proxy/configz", 403, Integer.MAX_VALUE, Map.of());
        JsonNode report = json(audit("--kubelet-config", "--fail-on", "never"));
        assertThat(report.at("/coverage/skipped/0/kind").asText()).isEqualTo("KubeletConfiguration");
        assertThat(report.at("/coverage/skipped/0/reason").asText()).startsWith("forbidden (needs get on nodes/proxy)");
        assertThat(server.dispatcher().requests().stream().filter(r -> r.path().endsWith("/proxy/configz")).count())
                .isEqualTo(1);
        server.clean();
        for (String node : List.of("node-old", "node-cri-dockerd", "node-containerd-1", "node-containerd-2")) {
            server.dispatcher().setConfigz(node, JSON.createObjectNode().put("kind", "KubeletConfiguration")
                    .put("containerRuntimeEndpoint", "unix:///run/containerd/containerd.sock"));
        }
        JsonNode read = json(audit("--kubelet-config"));
        assertThat(read.at("/coverage/inspected/KubeletConfiguration").asInt()).isEqualTo(4);
        assertThat(read.at("/coverage/notChecked").toString()).doesNotContain("KubeletConfiguration");
    }

    /**
     * Parity: the same objects dumped as one {@code kind: List} YAML and scanned with {@code shimscan manifests}
     * give the same (rule, object) pairs as the live audit, once each manifest finding is mapped to the top-level
     * owner its {@code ownerReferences} name (which is what the live audit reports).
     */
    @Test
    void theLiveAuditAndAManifestScanOfTheSameObjectsAgree() throws IOException {
        List<JsonNode> objects = server.dump(List.of("Node", "Pod", "ConfigMap", "ReplicationController", "PodTemplate",
                "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob", "Workflow", "Rollout"));
        com.fasterxml.jackson.databind.node.ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1")
                .put("kind", "List");
        list.putArray("items").addAll(objects);
        Path dump = dir.resolve("dump.yaml");
        Files.writeString(dump, new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .writeValueAsString(list));
        Map<String, String> ownerOf = new TreeMap<>();
        for (JsonNode o : objects) {
            JsonNode refs = o.at("/metadata/ownerReferences");
            if (refs.isArray() && !refs.isEmpty() && !refs.get(0).path("kind").asText().equals("Node")) {
                JsonNode m = o.path("metadata");
                String self = o.path("kind").asText() + "/" + m.path("namespace").asText() + "/" + m.path("name").asText();
                ownerOf.put(self, refs.get(0).path("kind").asText() + "/" + o.at("/metadata/namespace").asText()
                        + "/" + refs.get(0).path("name").asText());
            }
        }

        Cli.Run manifests = Cli.shimscan("manifests", dump.toString(), "--format", "json");
        Cli.Run live = audit();
        assertThat(manifests.exitCode()).as(manifests.toString()).isEqualTo(1);

        Set<String> fromManifests = new TreeSet<>();
        for (JsonNode f : json(manifests).path("findings")) {
            String object = display(f.path("object"));
            while (ownerOf.containsKey(object)) {
                object = ownerOf.get(object);
            }
            fromManifests.add(f.path("ruleId").asText() + " " + object);
        }
        Set<String> fromCluster = new TreeSet<>();
        for (JsonNode f : json(live).path("findings")) {
            fromCluster.add(f.path("ruleId").asText() + " " + display(f.path("object")));
        }
        assertThat(fromCluster).hasSizeGreaterThan(15).isEqualTo(fromManifests);
    }
}
