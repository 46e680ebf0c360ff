package dev.shimscan.rules.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.testing.FixtureHarness;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerMetricOrLogAlertRuleTest {
    private static final FixtureHarness HARNESS = FixtureHarness.forRules(List.of(new DockerMetricOrLogAlertRule()));

    @Test
    void metaMatchesTheCatalog() {
        var meta = DockerMetricOrLogAlertRule.META;
        assertThat(meta.id()).isEqualTo("DS702");
        assertThat(meta.name()).isEqualTo("docker-metric-or-log-alert");
        assertThat(meta.severity()).isEqualTo(Severity.NOTE);
        assertThat(meta.sources()).isEqualTo(Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER));
    }

    @Test
    void fixturesAgreeWithTheMarkers() {
        var outcome = HARNESS.verify(Fixtures.rulesDir("DS702"));
        assertThat(outcome.expected()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void findingsNameTheRuleAndWhatToUseInstead() {
        var outcome = HARNESS.verify(Fixtures.rulesDir("DS702").resolve("prometheusrule.yaml"));
        Finding engine = outcome.result().findings().get(0);
        assertThat(engine.location().line()).isEqualTo(11);
        assertThat(engine.message()).isEqualTo("alert 'DockerContainerActionsSlow' expression uses the Docker Engine "
                + "metric engine_daemon_container_actions_seconds_bucket, which only dockerd exports (--metrics-addr); "
                + "it disappears with Docker Engine");
        assertThat(engine.remediation()).contains("kubelet_runtime_operations_errors_total");
        assertThat(engine.path()).isEqualTo("spec.groups[0].rules[0].expr");
        for (Finding f : outcome.result().findings()) {
            assertThat(f.remediation()).isNotBlank();
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
        }
    }

    @Test
    void aLineInsideAMultiLineExpressionIsReportedWithItsEvidence() {
        var outcome = HARNESS.verify(Fixtures.rulesDir("DS702").resolve("prometheusrule.yaml"));
        Finding cgroup = outcome.result().findings().stream()
                .filter(f -> f.location().line() == 20).findFirst().orElseThrow();
        assertThat(cgroup.evidence()).isEqualTo("container_memory_usage_bytes{id=~\"/docker/.*\"}  # expect: DS702");
        assertThat(cgroup.location().column()).isEqualTo(15);
    }
}
