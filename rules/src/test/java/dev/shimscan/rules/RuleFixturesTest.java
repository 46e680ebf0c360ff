package dev.shimscan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleRegistry;
import dev.shimscan.core.testing.FixtureHarness;
import dev.shimscan.core.testing.HostFixtureHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every registered rule, alone, over its own fixture directory {@code rules/<ID>/}: the {@code # expect:}
 * markers for that rule and its findings must agree line by line (see {@link FixtureHarness}). Rules that read no
 * manifests (DS403, DS601, DS602) have node file trees there instead, one per subdirectory, read through the host
 * source ({@link HostFixtureHarness}).
 */
class RuleFixturesTest {

    @TestFactory
    Stream<DynamicTest> eachRuleAgreesWithItsFixtures() {
        List<Rule> rules = RuleRegistry.load().rules();
        assertThat(rules).isNotEmpty();
        return rules.stream().map(rule -> DynamicTest.dynamicTest(rule.meta().id() + " " + rule.meta().name(), () -> {
            assertThat(Fixtures.exists(rule.meta().id()))
                    .as("fixture directory rules/%s", rule.meta().id()).isTrue();
            if (rule.meta().sources().contains(SourceKind.MANIFEST)) {
                FixtureHarness.forRules(List.of(rule)).verify(Fixtures.dirOf(rule.meta().id()));
            } else {
                List<Path> trees = hostTrees(rule.meta().id());
                assertThat(trees).as("host trees in rules/%s", rule.meta().id()).isNotEmpty();
                trees.forEach(tree -> HostFixtureHarness.forRules(List.of(rule)).verify(tree));
            }
        }));
    }

    /** A rule that reads no manifests (host, cluster) has node file trees as fixtures: each subdirectory is a root. */
    private static List<Path> hostTrees(String ruleId) throws IOException {
        try (Stream<Path> dirs = Files.list(Fixtures.dirOf(ruleId))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }
}
