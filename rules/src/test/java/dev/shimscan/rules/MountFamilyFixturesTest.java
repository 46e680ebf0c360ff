package dev.shimscan.rules;

import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.testing.FixtureHarness;
import dev.shimscan.rules.mount.DockerBinaryMountRule;
import dev.shimscan.rules.mount.DockerConfigMountRule;
import dev.shimscan.rules.mount.DockerDataMountRule;
import dev.shimscan.rules.mount.DockerSocketMountRule;
import dev.shimscan.rules.mount.DockerSocketReferenceRule;
import dev.shimscan.rules.mount.RuntimeDirMountRule;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole DS1xx family together over each family fixture directory, so that a fixture written for one rule
 * also proves the others stay quiet (or fire exactly where marked): DS102 must not fire on a DS101 socket,
 * DS106 must not repeat a hostPath that DS101 reports, and so on.
 */
class MountFamilyFixturesTest {
    private static final List<Rule> FAMILY = List.<Rule>of(new DockerSocketMountRule(), new RuntimeDirMountRule(),
            new DockerDataMountRule(), new DockerConfigMountRule(), new DockerBinaryMountRule(),
            new DockerSocketReferenceRule());

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DS101", "DS102", "DS103", "DS104", "DS105", "DS106"})
    void familyAgreesWithFixtures(String dir) {
        FixtureHarness.forRules(FAMILY).verify(Fixtures.dirOf(dir));
    }
}
