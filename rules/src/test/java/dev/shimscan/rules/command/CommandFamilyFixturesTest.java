package dev.shimscan.rules.command;

import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.testing.FixtureHarness;
import dev.shimscan.rules.image.TestPaths;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DS201, DS202, DS203 and DS205 together over each of their fixture directories: every match is reported by exactly
 * one rule (a ConfigMap script line by DS205 alone, never also by DS201/DS202/DS203), and each rule stays quiet on
 * the others' fixtures except where marked.
 */
class CommandFamilyFixturesTest {
    private static final List<Rule> FAMILY = List.of(new DockerCliCommandRule(), new DockerServiceControlRule(),
            new DockerConfigWriteRule(), new DockerCliInScriptRule());

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DS201", "DS202", "DS203", "DS205"})
    void familyAgreesWithFixtures(String dir) {
        FixtureHarness.forRules(FAMILY).verify(TestPaths.fixtures(dir));
    }
}
