package dev.shimscan.rules.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.testing.FixtureHarness;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KnownNodeAgentRuleTest {
    private static final FixtureHarness HARNESS = FixtureHarness.forRules(List.of(new KnownNodeAgentRule()));

    @Test
    void metaMatchesTheCatalog() {
        assertThat(KnownNodeAgentRule.META.id()).isEqualTo("DS302");
        assertThat(KnownNodeAgentRule.META.name()).isEqualTo("known-node-agent");
        assertThat(KnownNodeAgentRule.META.severity()).isEqualTo(Severity.NOTE);
        assertThat(KnownNodeAgentRule.META.sources()).isEqualTo(Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER));
    }

    @Test
    void fixturesAgreeWithTheMarkers() {
        assertThat(HARNESS.verify(TestPaths.fixtures("DS302")).expected()).isEqualTo(11);
    }

    @Test
    void oneFindingPerAgentAndPodNamingVendorVersionMountsAndLink() {
        List<Finding> findings = HARNESS.verify(TestPaths.fixtures("DS302").resolve("agents.yaml"))
                .result().findings();
        Finding datadog = findings.get(0);
        assertThat(datadog.container()).isEqualTo("init-config");
        assertThat(datadog.path()).isEqualTo("spec.template.spec.initContainers[0].image");
        assertThat(datadog.message()).isEqualTo("container 'init-config' (and 'agent', 'trace-agent') runs the node "
                + "agent Datadog Agent from Datadog, image gcr.io/datadoghq/agent:7.25.0 (version 7.25.0 is older than "
                + "7.27, the first that finds containerd and CRI-O by itself); the pod mounts /var/run/docker.sock "
                + "from the node; the vendor's guidance for leaving dockershim: "
                + "https://docs.datadoghq.com/agent/guide/docker-deprecation/");
        assertThat(datadog.remediation()).startsWith("Agent 7.27 and later detect containerd and CRI-O by themselves")
                .endsWith(" See https://docs.datadoghq.com/agent/guide/docker-deprecation/");
        assertThat(datadog.severity()).isEqualTo(Severity.NOTE);

        Finding flame = findings.stream().filter(f -> "kubectl-flame".equals(f.container())).findFirst().orElseThrow();
        assertThat(flame.severity()).isEqualTo(Severity.WARNING);
        assertThat(flame.message()).endsWith("https://github.com/yahoo/kubectl-flame/issues/51");

        Finding newrelic = findings.stream().filter(f -> "newrelic".equals(f.container())).findFirst().orElseThrow();
        assertThat(newrelic.message()).contains("(version 1.20.5 is older than 1.42, the first that finds containerd "
                + "and CRI-O by itself)");
    }

    @Test
    void agentsOnContainerdAndOtherImagesOfTheVendorsAreSilent() {
        FixtureHarness.Outcome outcome = HARNESS.run(TestPaths.fixtures("DS302").resolve("near-misses.yaml"));
        assertThat(outcome.result().findings()).isEmpty();
        assertThat(outcome.result().problems()).isEmpty();
    }
}
