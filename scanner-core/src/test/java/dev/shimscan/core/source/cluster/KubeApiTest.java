package dev.shimscan.core.source.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shimscan.core.source.cluster.testing.TestApiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries, Retry-After and paging through the real HTTPS client against the test API server; waits recorded. */
class KubeApiTest {
    private static TestApiServer server;
    private static KubeApi api;
    private static final List<Duration> waits = new ArrayList<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = TestApiServer.start(0);
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            yaml.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-").append(i)
                    .append(", namespace: ns}\ndata: {k: v}\n");
        }
        server.loadYaml(yaml.toString());
        Path kc = server.writeKubeconfig(dir.resolve("kubeconfig"), "test");
        ClusterTarget target = new ClusterTargets(Map.of(), dir).resolve(new ConnectionOptions(kc, List.of(), false)).get(0);
        api = new KubeApi(target.connector().connect(Duration.ofSeconds(10)), RetryPolicy.DEFAULT, waits::add);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clean() {
        server.clean();
        waits.clear();
    }

    private List<String> names(int pageSize) throws Exception {
        List<String> names = new ArrayList<>();
        new ListPager(api, pageSize).list(ResourceType.CONFIGMAPS, null, item -> {
            assertThat(item.path("kind").asText()).isEqualTo("ConfigMap");
            assertThat(item.path("apiVersion").asText()).isEqualTo("v1");
            names.add(item.at("/metadata/name").asText());
        });
        return names;
    }

    @Test
    void listsPageByPage() throws Exception {
        assertThat(names(3)).containsExactly("cm-0", "cm-1", "cm-2", "cm-3", "cm-4", "cm-5", "cm-6");
        assertThat(server.dispatcher().requests()).extracting(r -> r.path().replaceAll("continue=\\d+", "continue=N"))
                .containsExactly("/api/v1/configmaps?limit=3", "/api/v1/configmaps?limit=3&continue=N%3A3",
                        "/api/v1/configmaps?limit=3&continue=N%3A6");
    }

    @Test
    void honoursRetryAfterOn429AndBacksOffOn5xx() throws Exception {
        server.fault("/configmaps", 429, 1, Map.of("Retry-After", "7"));
        server.faultOnContinue("/configmaps", 500, 2);
        assertThat(names(4)).hasSize(7);
        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(api.retries()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anExpiredContinueTokenRestartsTheListWithoutRepeatingItems() throws Exception {
        server.expireContinueTokens("/configmaps", 1);
        assertThat(names(2)).containsExactly("cm-0", "cm-1", "cm-2", "cm-3", "cm-4", "cm-5", "cm-6");
        assertThat(server.dispatcher().requests().stream().filter(r -> r.path().equals("/api/v1/configmaps?limit=2")))
                .hasSize(2);
    }

    @Test
    void givesUpAfterTheLastAttemptAndReportsForbiddenAtOnce() {
        server.fault("/configmaps", 503, Integer.MAX_VALUE, Map.of());
        assertThatThrownBy(() -> names(100)).isInstanceOf(ApiStatusException.class)
                .hasMessageContaining("HTTP 503 after 6 tries");
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8));
        server.clean();
        waits.clear();
        server.fault("/configmaps", 403, 1, Map.of());
        assertThatThrownBy(() -> names(100)).isInstanceOfSatisfying(ApiStatusException.class,
                e -> assertThat(e.forbidden()).isTrue());
        assertThat(waits).isEmpty();
    }
}
