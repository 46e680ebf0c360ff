package dev.shimscan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleRegistry;
import dev.shimscan.core.testing.FixtureHarness;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every registered rule, alone, over its own fixture directory {@code rules/<ID>/}: the {@code # expect:}
 * markers for that rule and its findings must agree line by line (see {@link FixtureHarness}).
 */
class RuleFixturesTest {

    @TestFactory
    Stream<DynamicTest> eachRuleAgreesWithItsFixtures() {
        List<Rule> rules = RuleRegistry.load().rules();
        assertThat(rules).isNotEmpty();
        return rules.stream().map(rule -> DynamicTest.dynamicTest(rule.meta().id() + " " + rule.meta().name(), () -> {
            assertThat(Fixtures.exists(rule.meta().id()))
                    .as("fixture directory rules/%s", rule.meta().id()).isTrue();
            FixtureHarness.forRules(List.of(rule)).verify(Fixtures.dirOf(rule.meta().id()));
        }));
    }
}
