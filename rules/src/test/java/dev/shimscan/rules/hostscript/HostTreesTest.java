package dev.shimscan.rules.hostscript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.rule.RuleRegistry;
import dev.shimscan.core.testing.HostFixtureHarness;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole node trees read with every registered rule through the host source: the findings agree line by line with
 * the trees' {@code # expect:} markers and {@code expected-findings.txt} lists, in both directions.
 */
class HostTreesTest {

    static Path tree(String name) {
        try {
            return Path.of(HostTreesTest.class.getClassLoader().getResource("hosts/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static HostFixtureHarness.Outcome verify(String name) {
        return HostFixtureHarness.forRules(RuleRegistry.load().rules()).verify(tree(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ubuntu-kubeadm-dockershim", "cri-dockerd-node", "containerd-clean", "eks-bootstrap-datadog"})
    void everyFindingIsExpectedAndEveryExpectationFound(String name) {
        HostFixtureHarness.Outcome outcome = verify(name);
        List<Finding> findings = outcome.scan().result().findings();
        assertThat(findings).allSatisfy(f -> assertThat(f.node()).isEqualTo(HostFixtureHarness.NODE));
        assertThat(outcome.scan().result().problems()).isEmpty();
    }
}
