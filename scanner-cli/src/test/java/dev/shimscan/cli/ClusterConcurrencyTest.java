package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.rule.RuleRegistry;
import dev.shimscan.core.source.cluster.AuditOptions;
import dev.shimscan.core.source.cluster.AuditProgress;
import dev.shimscan.core.source.cluster.ClusterAudit;
import dev.shimscan.core.source.cluster.ClusterTarget;
import dev.shimscan.core.source.cluster.ClusterTargets;
import dev.shimscan.core.source.cluster.ConnectionOptions;
import dev.shimscan.core.source.cluster.RetryPolicy;
import dev.shimscan.core.source.cluster.Sleeper;
import dev.shimscan.core.source.cluster.testing.TestApiServer;
import io.kubernetes.client.openapi.ApiClient;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import java.util.ArrayList;
import java.util.Set;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live audit with several lists read side by side ({@code maxRequests}), against the test API server holding
 * {@code cluster/test-cluster.yaml}: requests in flight are counted by an OkHttp interceptor from the moment a
 * request leaves until its response body is closed, and a type that fails is kept failing until another list has
 * been read to its end (the retry wait of the failing list blocks on it: no sleep, no timing).
 */
class ClusterConcurrencyTest {
    private static TestApiServer server;
    private static Path kubeconfig;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        server = TestApiServer.start(0);
        try (InputStream in = ClusterConcurrencyTest.class.getResourceAsStream("/cluster/test-cluster.yaml")) {
            server.loadYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), "prod");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void clean() {
        server.clean();
    }

    /** Counts requests from the moment they are sent until their response body is closed. */
    private static final class InFlight {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();

        ClusterTarget around(ClusterTarget target) {
            return new ClusterTarget(target.name(), timeout -> {
                ApiClient client = target.connector().connect(timeout);
                client.setHttpClient(client.getHttpClient().newBuilder().addInterceptor(chain -> {
                    max.accumulateAndGet(now.incrementAndGet(), Math::max);
                    AtomicBoolean done = new AtomicBoolean();
                    Runnable finished = () -> {
                        if (done.compareAndSet(false, true)) {
                            now.decrementAndGet();
                        }
                    };
                    Response response;
                    try {
                        response = chain.proceed(chain.request());
                    } catch (IOException | RuntimeException e) {
                        finished.run();
                        throw e;
                    }
                    return response.newBuilder().body(new Counted(response.body(), finished)).build();
                }).build());
                return client;
            });
        }
    }

    /** A response body that says when it is closed. */
    private static final class Counted extends ResponseBody {
        private final ResponseBody body;
        private final BufferedSource source;

        Counted(ResponseBody body, Runnable onClose) {
            this.body = body;
            this.source = Okio.buffer(new ForwardingSource(body.source()) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        onClose.run();
                    }
                }
            });
        }

        @Override
        public MediaType contentType() {
            return body.contentType();
        }

        @Override
        public long contentLength() {
            return body.contentLength();
        }

        @Override
        public BufferedSource source() {
            return source;
        }
    }

    private static ClusterTarget target() throws Exception {
        return new ClusterTargets(Map.of(), dir).resolve(new ConnectionOptions(kubeconfig, List.of(), false)).get(0);
    }

    private static Report audit(ClusterTarget target, int maxRequests, AuditProgress progress, Sleeper sleeper)
            throws Exception {
        AuditOptions options = new AuditOptions(List.of(), true, true, false, 1, maxRequests, Duration.ofSeconds(20),
                RetryPolicy.DEFAULT);
        return new ClusterAudit(RuleRegistry.load().rules(), options, progress, Cli.FIXED, sleeper)
                .run(List.of(target)).toReport();
    }

    /** {@code rule Kind/ns/name} of each finding, with its podCount. */
    private static Map<String, Integer> byObject(Report report) {
        Map<String, Integer> out = new TreeMap<>();
        for (Finding f : report.findings()) {
            out.put(f.ruleId() + " " + f.object().kind() + "/" + (f.object().namespace() == null ? ""
                    : f.object().namespace() + "/") + f.object().name(), f.podCount());
        }
        return out;
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 2, unit = TimeUnit.MINUTES) // a regression would hang the audit
    void aRuleThatNeverReturnsOnOnePodCostsOnlyThePodListAndTheAuditEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Rule hangs = new Rule() {
            private final RuleMeta meta = new RuleMeta("DS991", "hangs-on-a-pod", Severity.NOTE,
                    Set.of(SourceKind.CLUSTER), "Never returns on the pod web-5c6b-x1.", "None.");

            @Override
            public RuleMeta meta() {
                return meta;
            }

            @Override
            public void check(Resource resource, RuleContext ctx) {
                if ("web-5c6b-x1".equals(resource.ref().name()) && "Pod".equals(resource.ref().kind())) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        try {
            List<Rule> rules = new ArrayList<>(RuleRegistry.load().rules());
            rules.add(hangs);
            // one list worker: the one the rule holds must be replaced for the other lists to be read
            AuditOptions options = new AuditOptions(List.of(), true, true, false, 1, 1, Duration.ofSeconds(20),
                    RetryPolicy.DEFAULT);
            Report stuck = new ClusterAudit(rules, options, AuditProgress.NONE, Cli.FIXED, Sleeper.REAL)
                    .withRuleTimeout(Duration.ofMillis(300)).run(List.of(target())).toReport();
            Report clean = audit(target(), 1, AuditProgress.NONE, Sleeper.REAL);

            assertThat(stuck.coverage().skipped()).containsExactly(new Report.Skipped("Pod", "*",
                    "rule DS991 did not finish within 300ms on Pod/apps/web-5c6b-x1; the rest of this list was not "
                            + "audited"));
            Map<String, Integer> inspected = new TreeMap<>(clean.coverage().inspected());
            inspected.remove("Pod");
            assertThat(stuck.coverage().inspected()).isEqualTo(inspected);
            assertThat(stuck.nodes()).isEqualTo(clean.nodes());
            assertThat(byObject(stuck)).containsKeys("DS101 DaemonSet/monitoring/log-agent",
                    "DS101 Deployment/ci/runner");
        } finally {
            release.countDown();
        }
    }

    @Test
    void neverMoreRequestsInFlightThanAllowedAndTheSameFindings() throws Exception {
        InFlight one = new InFlight();
        Report sequential = audit(one.around(target()), 1, AuditProgress.NONE, Sleeper.REAL);
        InFlight two = new InFlight();
        Report side = audit(two.around(target()), 2, AuditProgress.NONE, Sleeper.REAL);
        assertThat(one.max.get()).isEqualTo(1);
        assertThat(two.max.get()).isBetween(1, 2);
        assertThat(one.now.get()).isZero();
        assertThat(two.now.get()).isZero();
        assertThat(server.dispatcher().requests()).hasSizeGreaterThan(80)
                .allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
        assertThat(side.findings()).isEqualTo(sequential.findings());
        assertThat(side.coverage()).isEqualTo(sequential.coverage());
        assertThat(side.nodes()).isEqualTo(sequential.nodes());
        assertThat(byObject(side)).containsEntry("DS101 Rollout/apps/canary", 1)
                .containsEntry("DS101 DaemonSet/monitoring/log-agent", 3);
    }

    /**
     * Jobs answer 503 until every pod has been read (the Jobs list waits to retry meanwhile), then keep failing:
     * the pods, read while the Jobs list was failing, are all there and only the Jobs are skipped. When the Jobs
     * recover instead, the report is the one of an audit without faults.
     */
    @Test
    void aTypeThatFailsWhileOthersAreReadEndsInItsOwnCoverageEntry() throws Exception {
        Report baseline = audit(target(), 4, AuditProgress.NONE, Sleeper.REAL);
        assertThat(baseline.coverage().skipped()).isEmpty();

        for (boolean recovers : List.of(false, true)) {
            server.clean();
            // Retry-After 1 (the recorded sleeper does not sleep): with 0, OkHttp itself retries a 503 once
            server.fault("/apis/batch/v1/jobs", 503, recovers ? 2 : Integer.MAX_VALUE, Map.of("Retry-After", "1"));
            server.fault("/api/v1/configmaps", 403, Integer.MAX_VALUE, Map.of());
            CountDownLatch podsRead = new CountDownLatch(1);
            AuditProgress progress = new AuditProgress() {
                @Override
                public void reading(String cluster, String kind, long itemsSoFar) {
                    if (kind.equals("Pod") && itemsSoFar == 15) {
                        podsRead.countDown();
                    }
                }

                @Override
                public void finished() {
                }
            };
            AtomicBoolean podsReadWhileJobsWaited = new AtomicBoolean();
            AtomicInteger waits = new AtomicInteger();
            Sleeper sleeper = d -> {
                assertThat(d).isEqualTo(Duration.ofSeconds(1));
                if (waits.getAndIncrement() == 0) {
                    // a guard against a hang, not a timing: the pods list has its own worker and gets there
                    podsReadWhileJobsWaited.set(podsRead.await(60, TimeUnit.SECONDS));
                }
            };
            Report report = audit(target(), 4, progress, sleeper);

            assertThat(podsReadWhileJobsWaited).isTrue();
            assertThat(report.coverage().inspected()).containsEntry("Pod", 15).containsEntry("ReplicaSet", 4)
                    .doesNotContainKey("ConfigMap");
            long jobLists = server.dispatcher().requests().stream()
                    .filter(r -> r.path().equals("/apis/batch/v1/jobs?limit=1")).count();
            if (recovers) {
                assertThat(waits.get()).isEqualTo(2);
                assertThat(jobLists).isEqualTo(3);
                assertThat(report.coverage().skipped()).containsExactly(
                        new Report.Skipped("ConfigMap", "*", "forbidden"));
                Map<String, Integer> expected = byObject(baseline);
                expected.keySet().removeIf(k -> k.contains("ConfigMap/"));
                assertThat(byObject(report)).isEqualTo(expected);
            } else {
                assertThat(waits.get()).isEqualTo(5);
                assertThat(jobLists).isEqualTo(6);
                assertThat(report.coverage().skipped()).containsExactly(
                        new Report.Skipped("Job", "*", "GET /apis/batch/v1/jobs: HTTP 503 after 6 tries (injected fault)"),
                        new Report.Skipped("ConfigMap", "*", "forbidden"));
                assertThat(report.coverage().inspected()).doesNotContainKey("Job");
                Map<String, Integer> found = byObject(report);
                // the Jobs' pods, read while the Jobs could not be, are reported at the Jobs they name
                assertThat(found).containsEntry("DS101 Job/batch-jobs/cleanup-2860", 1)
                        .containsEntry("DS103 Job/batch-jobs/one-off", 1)
                        .containsEntry("DS101 CronJob/batch-jobs/cleanup", 0)
                        .containsEntry("DS101 Deployment/apps/web", 1)
                        .containsEntry("DS101 DaemonSet/monitoring/log-agent", 3);
            }
        }
    }
}
