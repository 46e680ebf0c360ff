package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimscan.core.source.cluster.testing.FaultyProxy;
import dev.shimscan.core.source.cluster.testing.TestApiServer;
import dev.shimscan.core.testing.ReportSchemaValidator;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shimscan cluster} against an API server that fails, one fault at a time, on loopback: the HTTPS test API
 * server of {@link ClusterCommandTest} (its status faults) and, for what it cannot do (never answer, cut a response
 * short, send garbage, reject a token), a {@link FaultyProxy} in front of it. For each fault: the exact exit code,
 * the exact {@code coverage.skipped} entry (or the exact message when nothing can be read), that every other type
 * was still read ({@code coverage.inspected} and the findings, compared with a clean audit), and how many requests
 * the server saw. Waits between retries are recorded, not slept.
 */
class ClusterFaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPIRED_TOKEN = "expired-token-4f1c9e";
    private static TestApiServer server;
    private static FaultyProxy proxy;
    private static Path direct;
    private static Path proxied;
    private static Map<String, Integer> cleanInspected;
    private static Set<String> cleanFindings;
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        server = TestApiServer.start(0);
        try (InputStream in = ClusterFaultsTest.class.getResourceAsStream("/cluster/test-cluster.yaml")) {
            server.loadYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        direct = server.writeKubeconfig(dir.resolve("direct"), "prod");
        proxy = FaultyProxy.start(server);
        proxied = proxy.writeKubeconfig(dir.resolve("proxied"), "prod", TestApiServer.TOKEN);
        Cli.Run clean = Cli.shimscan("cluster", "--kubeconfig", proxied.toString(), "--chunk-size", "1",
                "--format", "json", "--fail-on", "never");
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        JsonNode report = JSON.readTree(clean.out());
        assertThat(report.at("/coverage/skipped")).isEmpty();
        cleanInspected = inspected(report);
        cleanFindings = findings(report);
        assertThat(cleanFindings).hasSizeGreaterThan(20);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        server.close();
    }

    @BeforeEach
    @AfterEach
    void clean() {
        server.clean();
        proxy.clean();
        waits.clear();
    }

    /** {@code shimscan cluster} as a user runs it, findings never failing the run: exit 3 means incomplete. */
    private Cli.Run audit(Path kubeconfig, String... extra) {
        List<String> args = new ArrayList<>(List.of("cluster", "--kubeconfig", kubeconfig.toString(), "--chunk-size",
                "1", "--format", "json", "--fail-on", "never"));
        args.addAll(List.of(extra));
        return Cli.cli().sleeper(waits::add).run(args.toArray(String[]::new));
    }

    private static JsonNode json(Cli.Run run) throws IOException {
        JsonNode report = JSON.readTree(run.out());
        ReportSchemaValidator.assertValid(report);
        return report;
    }

    private static Map<String, Integer> inspected(JsonNode report) {
        Map<String, Integer> out = new TreeMap<>();
        report.at("/coverage/inspected").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
        return out;
    }

    /** {@code RULE Kind/ns/name xPODS} of each finding. */
    private static Set<String> findings(JsonNode report) {
        Set<String> out = new TreeSet<>();
        for (JsonNode f : report.path("findings")) {
            JsonNode o = f.path("object");
            out.add(f.path("ruleId").asText() + " " + o.path("kind").asText() + "/"
                    + (o.hasNonNull("namespace") ? o.path("namespace").asText() + "/" : "") + o.path("name").asText()
                    + (f.has("podCount") ? " x" + f.path("podCount").asInt() : ""));
        }
        return out;
    }

    /** What a clean audit inspected, without these kinds. */
    private static Map<String, Integer> inspectedWithout(String... kinds) {
        Map<String, Integer> out = new TreeMap<>(cleanInspected);
        for (String k : kinds) {
            assertThat(out).containsKey(k);
            out.remove(k);
        }
        return out;
    }

    /** What a clean audit found, without these findings (each must be one of them). */
    private static Set<String> findingsWithout(String... lost) {
        Set<String> out = new TreeSet<>(cleanFindings);
        for (String f : lost) {
            assertThat(out).as("a finding of the clean audit").contains(f);
            out.remove(f);
        }
        return out;
    }

    private static String skipped(JsonNode report) {
        return report.at("/coverage/skipped").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort(); // closed again: nothing listens there
        }
    }

    // 1. connection refused

    @Test
    void connectionRefusedStopsTheRunWithExitTwoNamingTheContextAndTheServer() throws IOException {
        String nowhere = "https://127.0.0.1:" + freePort();
        Path kc = Files.writeString(dir.resolve("refused"), Files.readString(direct).replace(server.url(), nowhere));
        Cli.Run run = audit(kc);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("shimscan: cannot audit context prod (server " + nowhere
                + "): connection refused\n");
        assertThat(waits).as("the probe of /version is tried twice").containsExactly(Duration.ofMillis(500));
    }

    @Test
    void aRefusedContextAmongReachableOnesIsOneSkippedEntryAndTheOthersAreAudited() throws IOException {
        String nowhere = "https://127.0.0.1:" + freePort();
        Path two = server.writeKubeconfig(dir.resolve("two"), "prod", "dead");
        String text = Files.readString(two);
        int dead = text.indexOf("- name: dead-cluster");
        Files.writeString(two, text.substring(0, dead) + text.substring(dead).replaceFirst(
                java.util.regex.Pattern.quote(server.url()), nowhere));
        Cli.Run run = audit(two, "--all-contexts");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode report = json(run);
        assertThat(skipped(report)).isEqualTo("[{\"kind\":\"*\",\"reason\":\"cannot audit context dead (server "
                + nowhere + "): connection refused\"}]");
        assertThat(inspected(report)).isEqualTo(cleanInspected);
        assertThat(report.at("/scan/targets").toString()).isEqualTo("[\"prod\",\"dead\"]");
        assertThat(report.path("clusters")).hasSize(1);
    }

    // 2. TLS

    @Test
    void aServerCertificateTheKubeconfigDoesNotTrustStopsTheRunWithATlsMessageNotAStackTrace() throws IOException {
        Path otherCa;
        try (TestApiServer other = TestApiServer.start(0)) {
            otherCa = Files.copy(other.certificate(), dir.resolve("other-ca.pem"));
        }
        assertThat(Files.readString(otherCa)).isNotEqualTo(Files.readString(server.certificate()));
        Path kc = Files.writeString(dir.resolve("wrong-ca"),
                Files.readString(direct).replace(server.certificate().toString(), otherCa.toString()));
        Cli.Run run = audit(kc);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("shimscan: cannot audit context prod (server " + server.url() + "): TLS: the "
                + "server's certificate is not signed by the certificate authority the kubeconfig trusts "
                + "(certificate-authority or certificate-authority-data)\n");
        assertThat(waits).as("a certificate that is not trusted is not tried again").isEmpty();
        assertThat(server.dispatcher().requests()).isEmpty();
    }

    // 3. a server that never answers on one type

    /** An audit with {@code --request-timeout 300ms} that must end with exit 3 and Deployments skipped, timed out. */
    private JsonNode auditWithDeploymentsTimingOut() throws IOException {
        Cli.Run run = audit(proxied, "--request-timeout", "300ms");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode report = json(run);
        assertThat(skipped(report)).isEqualTo("[{\"kind\":\"Deployment\",\"namespace\":\"*\",\"reason\":"
                + "\"GET /apis/apps/v1/deployments: no response within the request timeout of 300ms "
                + "(after 2 tries)\"}]");
        return report;
    }

    @Test
    void aTypeWhoseServerNeverAnswersIsSkippedAfterTheRequestTimeoutAndTheRestIsAudited() throws IOException {
        proxy.hang("/apis/apps/v1/deployments", Integer.MAX_VALUE);
        JsonNode report = auditWithDeploymentsTimingOut();
        assertThat(proxy.count("/apis/apps/v1/deployments?limit=1")).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofMillis(500));
        assertThat(inspected(report)).isEqualTo(inspectedWithout("Deployment"));
        // nothing is lost: the ReplicaSets carry the Deployments' templates and name their Deployments
        assertThat(findings(report)).isEqualTo(cleanFindings).contains("DS101 Deployment/ci/runner x0",
                "DS101 Deployment/apps/web x1");
    }

    /**
     * A server that trickles a byte every 50 ms: every read gets something well within OkHttp's read timeout, so
     * before the request timeout bounded whole calls, the page would have taken 10 minutes per try.
     */
    @Test
    @Timeout(120)
    void aServerThatTricklesItsAnswerIsCutOffAtTheRequestTimeoutAndTheRestIsAudited() throws IOException {
        proxy.trickle("/apis/apps/v1/deployments", Integer.MAX_VALUE, 12_000, Duration.ofMillis(50));
        JsonNode report = auditWithDeploymentsTimingOut();
        assertThat(proxy.requests()).filteredOn(r -> r.action() == FaultyProxy.Action.TRICKLED).hasSize(2);
        assertThat(inspected(report)).isEqualTo(inspectedWithout("Deployment"));
        assertThat(findings(report)).isEqualTo(cleanFindings);
    }

    @Test
    void aServerThatNeverAnswersTheFirstRequestStopsTheRunNamingTheTimeout() {
        proxy.hang("/version", Integer.MAX_VALUE);
        Cli.Run run = audit(proxied, "--request-timeout", "300ms");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("shimscan: cannot audit context prod (server " + proxy.url() + "): "
                + "no response within the request timeout of 300ms\n");
        assertThat(proxy.requests()).extracting(FaultyProxy.Request::path).containsExactly("/version", "/version");
        assertThat(waits).containsExactly(Duration.ofMillis(500));
    }

    // 4. 401

    @Test
    void anExpiredTokenIsRejectedWithExitTwoAMessageNamingTheContextAndNoCredential() throws IOException {
        proxy.acceptOnlyToken(TestApiServer.TOKEN);
        Path kc = proxy.writeKubeconfig(dir.resolve("expired"), "prod", EXPIRED_TOKEN);
        Cli.Run run = audit(kc);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("shimscan: cannot audit context prod (server " + proxy.url() + "): "
                + "credentials rejected (HTTP 401): the token or client certificate of context prod has expired or "
                + "is not valid for this cluster\n");
        assertThat(run.err()).doesNotContain(EXPIRED_TOKEN).doesNotContain(TestApiServer.TOKEN);
        assertThat(proxy.requests()).containsExactly(new FaultyProxy.Request("/version", "Bearer " + EXPIRED_TOKEN,
                FaultyProxy.Action.UNAUTHORIZED));
        assertThat(waits).isEmpty();
    }

    @Test
    void aTokenRejectedOnOneListIsThatTypeSkippedAsCredentialsRejected() throws IOException {
        server.fault("/api/v1/podtemplates", 401, Integer.MAX_VALUE, Map.of());
        Cli.Run run = audit(proxied);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode report = json(run);
        assertThat(skipped(report)).isEqualTo("[{\"kind\":\"PodTemplate\",\"namespace\":\"*\",\"reason\":"
                + "\"credentials rejected (HTTP 401)\"}]");
        assertThat(server.dispatcher().requests().stream().filter(r -> r.path().startsWith("/api/v1/podtemplates")))
                .hasSize(1);
        assertThat(inspected(report)).isEqualTo(inspectedWithout("PodTemplate"));
        assertThat(findings(report)).isEqualTo(findingsWithout("DS101 PodTemplate/ci/jenkins-agent x0"));
    }

    // 5. 403 on a type other than ConfigMaps (ConfigMaps: ClusterCommandTest)

    @Test
    void forbiddenNodesAreSkippedTheVerdictSaysSoAndEveryWorkloadIsStillAudited() throws IOException {
        server.fault("/api/v1/nodes", 403, Integer.MAX_VALUE, Map.of());
        Cli.Run run = audit(proxied);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode report = json(run);
        assertThat(skipped(report)).isEqualTo("[{\"kind\":\"Node\",\"reason\":\"forbidden\"}]");
        assertThat(server.dispatcher().requests().stream().filter(r -> r.path().startsWith("/api/v1/nodes")))
                .hasSize(1);
        assertThat(report.path("nodes")).isEmpty();
        assertThat(report.at("/clusters/0/verdict").asText()).isEqualTo("Cluster prod: cannot tell whether it is "
                + "still on dockershim, the nodes could not be read (forbidden).");
        assertThat(inspected(report)).isEqualTo(inspectedWithout("Node"));
        assertThat(findings(report)).isEqualTo(findingsWithout("DS401 Node/node-old", "DS401 Node/node-cri-dockerd",
                "DS402 Node/node-old"));
    }

    // 6. 404: a type discovery listed that is gone when listed

    @Test
    void aCustomResourceTypeGoneBetweenDiscoveryAndListIsSkippedAsNotFound() throws IOException {
        server.fault("/apis/argoproj.io/v1alpha1/rollouts", 404, Integer.MAX_VALUE, Map.of());
        Cli.Run run = audit(proxied);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode report = json(run);
        assertThat(skipped(report)).isEqualTo("[{\"kind\":\"Rollout\",\"namespace\":\"*\",\"reason\":"
                + "\"not found (HTTP 404): not served by this cluster\"}]");
        assertThat(server.dispatcher().requests()).anyMatch(r -> r.path().equals("/apis/argoproj.io/v1alpha1"));
        assertThat(server.dispatcher().requests().stream().filter(r -> r.path().contains("/rollouts"))).hasSize(1);
        assertThat(inspected(report)).isEqualTo(inspectedWithout("Rollout"));
        // the Rollout's pod still names it (Pod -> ReplicaSet -> Rollout)
        assertThat(findings(report)).isEqualTo(cleanFindings).contains("DS101 Rollout/apps/canary x1");
    }

    // 7. 410 on continue, for ever (once: ClusterCommandTest)

    @Test
    void aListWhoseContinueTokenKeepsExpiringIsSkippedAfterThreeRestarts() throws IOException {
        server.expireContinueTokens("/apis/apps/v1/replicasets", Integer.MAX_VALUE);
        // one list at a time: an expiry forgets every snapshot of the test server, not only the ReplicaSets'
        Cli.Run run = audit(proxied, "--max-requests", "1");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode report = json(run);
        assertThat(skipped(report)).isEqualTo("[{\"kind\":\"ReplicaSet\",\"namespace\":\"*\",\"reason\":"
                + "\"incomplete after 1 item: GET /apis/apps/v1/replicasets: the list expired while it was read "
                + "(HTTP 410 on continue) 4 times; gave up\"}]");
        assertThat(proxy.count("/apis/apps/v1/replicasets?limit=1")).isEqualTo(4);
        assertThat(proxy.requests().stream()
                .filter(r -> r.path().startsWith("/apis/apps/v1/replicasets?limit=1&continue="))).hasSize(4);
        Map<String, Integer> expected = inspectedWithout("ReplicaSet");
        expected.put("ReplicaSet", 1); // the first page, read before the list expired
        assertThat(inspected(report)).isEqualTo(expected);
        // the ReplicaSets after the first page are unknown: web's pod stops at the ReplicaSet it names, and the
        // orphan ReplicaSet (no pod) is not seen
        Set<String> found = findingsWithout("DS101 Deployment/apps/web x1", "DS101 ReplicaSet/apps/orphan-rs x0");
        found.add("DS101 ReplicaSet/apps/web-5c6b x1");
        assertThat(findings(report)).isEqualTo(found);
        assertThat(waits).isEmpty();
    }

    // 8. 429 storms

    @Test
    void a429StormStopsAfterSixTriesEachWaitingWhatRetryAfterSays() throws IOException {
        server.fault("/apis/apps/v1/daemonsets", 429, Integer.MAX_VALUE, Map.of("Retry-After", "2"));
        Cli.Run run = audit(proxied);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode report = json(run);
        assertThat(skipped(report)).isEqualTo("[{\"kind\":\"DaemonSet\",\"namespace\":\"*\",\"reason\":"
                + "\"GET /apis/apps/v1/daemonsets: HTTP 429 after 6 tries (injected fault)\"}]");
        // six requests reach the server: the client itself never repeats a 429
        assertThat(server.dispatcher().requests().stream().filter(r -> r.path().startsWith("/apis/apps/v1/daemonsets")))
                .hasSize(6);
        assertThat(proxy.count("/apis/apps/v1/daemonsets?limit=1")).isEqualTo(6);
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(inspected(report)).isEqualTo(inspectedWithout("DaemonSet"));
        // the DaemonSet's pods still name it
        assertThat(findings(report)).isEqualTo(cleanFindings).contains("DS101 DaemonSet/monitoring/log-agent x3");
    }

    @Test
    void aShort429StormRecoversAndTheReportIsTheCleanOne() throws IOException {
        server.fault("/apis/apps/v1/daemonsets", 429, 3, Map.of("Retry-After", "1"));
        Cli.Run run = audit(proxied);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode report = json(run);
        assertThat(skipped(report)).isEqualTo("[]");
        assertThat(proxy.count("/apis/apps/v1/daemonsets?limit=1")).isEqualTo(4);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(inspected(report)).isEqualTo(cleanInspected);
        assertThat(findings(report)).isEqualTo(cleanFindings);
    }

    /**
     * The exact count for a 503 with {@code Retry-After: 0}: OkHttp (under client-java) repeats such a request once
     * by itself before shimscan sees the answer, so six tries are twelve requests on the wire.
     */
    @Test
    void a503StormWithRetryAfterZeroIsSixTriesAndTwelveRequests() throws IOException {
        server.fault("/apis/batch/v1/jobs", 503, Integer.MAX_VALUE, Map.of("Retry-After", "0"));
        Cli.Run run = audit(proxied);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(skipped(json(run))).isEqualTo("[{\"kind\":\"Job\",\"namespace\":\"*\",\"reason\":"
                + "\"GET /apis/batch/v1/jobs: HTTP 503 after 6 tries (injected fault)\"}]");
        assertThat(proxy.count("/apis/batch/v1/jobs?limit=1")).isEqualTo(12);
        assertThat(waits).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    // 9. 500s, for ever (once, mid-pagination: ClusterCommandTest)

    @Test
    void aServerErrorStormStopsAfterSixTriesWithBackoffAndTheRestIsAudited() throws IOException {
        server.fault("/apis/apps/v1/statefulsets", 500, Integer.MAX_VALUE, Map.of());
        Cli.Run run = audit(proxied);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode report = json(run);
        assertThat(skipped(report)).isEqualTo("[{\"kind\":\"StatefulSet\",\"namespace\":\"*\",\"reason\":"
                + "\"GET /apis/apps/v1/statefulsets: HTTP 500 after 6 tries (injected fault)\"}]");
        assertThat(proxy.count("/apis/apps/v1/statefulsets?limit=1")).isEqualTo(6);
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(inspected(report)).isEqualTo(inspectedWithout("StatefulSet"));
        assertThat(findings(report)).isEqualTo(cleanFindings).contains("DS104 StatefulSet/ci/builder x2");
    }

    // 10. a connection closed in the middle of a page

    /** A page that holds one whole pod, one the server does not have, and is cut in the middle of the next. */
    private static final String CUT_PAGE = "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":"
            + "{\"resourceVersion\":\"1\",\"continue\":\"x\"},\"items\":[{\"metadata\":{\"name\":\"phantom\","
            + "\"namespace\":\"apps\",\"uid\":\"uid-phantom\"},\"spec\":{\"containers\":[{\"name\":\"c\","
            + "\"image\":\"busybox:1.36\"}],\"volumes\":[{\"name\":\"s\",\"hostPath\":{\"path\":"
            + "\"/var/run/docker.sock\"}}]}},{\"metadata\":{\"name\":\"cut-he";

    @Test
    void aPageCutMidBodyIsRetriedAndNothingOfTheCutPageIsAudited() throws IOException {
        proxy.cutMidBody("/api/v1/pods", true, 1, CUT_PAGE);
        Cli.Run run = audit(proxied);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode report = json(run);
        assertThat(skipped(report)).isEqualTo("[]");
        List<FaultyProxy.Request> pods = proxy.requests().stream().filter(r -> r.path().startsWith("/api/v1/pods?"))
                .toList();
        assertThat(pods).hasSize(16); // 15 pages of one pod, one of them twice
        FaultyProxy.Request cut = pods.stream().filter(r -> r.action() == FaultyProxy.Action.CUT).findFirst()
                .orElseThrow();
        assertThat(pods.get(pods.indexOf(cut) + 1)).isEqualTo(new FaultyProxy.Request(cut.path(), cut.authorization(),
                FaultyProxy.Action.FORWARDED));
        assertThat(waits).containsExactly(Duration.ofMillis(500));
        assertThat(inspected(report)).isEqualTo(cleanInspected);
        assertThat(findings(report)).isEqualTo(cleanFindings).noneMatch(f -> f.contains("phantom"));
    }

    @Test
    void aTypeWhoseResponsesAreAlwaysCutIsSkippedAfterSixTriesAndTheRestIsAudited() throws IOException {
        proxy.cutMidBody("/api/v1/configmaps", false, Integer.MAX_VALUE, CUT_PAGE.replace("PodList", "ConfigMapList"));
        Cli.Run run = audit(proxied);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode report = json(run);
        assertThat(skipped(report)).isEqualTo("[{\"kind\":\"ConfigMap\",\"namespace\":\"*\",\"reason\":"
                + "\"GET /api/v1/configmaps: the server closed the connection before the response was complete "
                + "(after 6 tries)\"}]");
        assertThat(proxy.count("/api/v1/configmaps?limit=1")).isEqualTo(6);
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(inspected(report)).isEqualTo(inspectedWithout("ConfigMap"));
        assertThat(findings(report)).isEqualTo(findingsWithout("DS106 ConfigMap/ci/gitlab-runner"));
    }

    // 11. malformed JSON

    @Test
    void aMalformedResponseSkipsThatTypeWithoutRetryingAndTheRestIsAudited() throws IOException {
        proxy.answer("/apis/batch/v1/cronjobs", Integer.MAX_VALUE, 200, "<html><body>Bad Gateway</body></html>");
        proxy.answer("/api/v1/replicationcontrollers", Integer.MAX_VALUE, 200, "[\"not\", \"a\", \"list\"]");
        Cli.Run run = audit(proxied);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode report = json(run);
        assertThat(skipped(report)).isEqualTo("[{\"kind\":\"CronJob\",\"namespace\":\"*\",\"reason\":"
                + "\"GET /apis/batch/v1/cronjobs: malformed response: not valid JSON at line 1, column 1\"},"
                + "{\"kind\":\"ReplicationController\",\"namespace\":\"*\",\"reason\":\"GET "
                + "/api/v1/replicationcontrollers: malformed response: a list response that is not a JSON object\"}]");
        assertThat(proxy.count("/apis/batch/v1/cronjobs?limit=1")).isEqualTo(1);
        assertThat(proxy.count("/api/v1/replicationcontrollers?limit=1")).isEqualTo(1);
        assertThat(waits).isEmpty();
        assertThat(inspected(report)).isEqualTo(inspectedWithout("CronJob", "ReplicationController"));
        assertThat(findings(report)).isEqualTo(findingsWithout("DS101 CronJob/batch-jobs/image-prune x0",
                "DS105 CronJob/batch-jobs/image-prune x0"));
    }
}
