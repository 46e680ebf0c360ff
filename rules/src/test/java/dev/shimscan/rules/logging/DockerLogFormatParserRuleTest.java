package dev.shimscan.rules.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.testing.FixtureHarness;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerLogFormatParserRuleTest {
    private static final FixtureHarness HARNESS = FixtureHarness.forRules(List.of(new DockerLogFormatParserRule()));

    @Test
    void metaMatchesTheCatalog() {
        var meta = DockerLogFormatParserRule.META;
        assertThat(meta.id()).isEqualTo("DS701");
        assertThat(meta.name()).isEqualTo("docker-log-format-parser");
        assertThat(meta.severity()).isEqualTo(Severity.WARNING);
        assertThat(meta.sources()).isEqualTo(Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER, SourceKind.HOST));
    }

    @Test
    void fixturesAgreeWithTheMarkers() {
        var outcome = HARNESS.verify(Fixtures.rulesDir("DS701"));
        assertThat(outcome.expected()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void everyFindingNamesTheCriReplacement() {
        var outcome = HARNESS.verify(Fixtures.rulesDir("DS701"));
        for (Finding f : outcome.result().findings()) {
            assertThat(f.message() + " " + f.remediation())
                    .as(f.location() + " " + f.message())
                    .containsAnyOf("cri", "CRI", "containerd", "kubernetes_logs", "'container'");
            assertThat(f.remediation()).isNotBlank().isNotEqualTo(DockerLogFormatParserRule.META.remediation());
        }
    }

    @Test
    void aDockerUnitNextToContainerdsIsANote() {
        var outcome = HARNESS.verify(Fixtures.rulesDir("DS701").resolve("fluent-bit-classic.yaml"));
        List<Finding> systemd = outcome.result().findings().stream()
                .filter(f -> "_SYSTEMD_UNIT=docker.service".equals(f.evidence().replaceAll("^Systemd_Filter\\s+", "")))
                .toList();
        assertThat(systemd).extracting(f -> f.location().line(), Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(61, Severity.WARNING),
                        org.assertj.core.groups.Tuple.tuple(69, Severity.NOTE));
    }
}
