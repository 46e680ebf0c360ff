package dev.shimscan.cli;

import static dev.shimscan.cli.Cli.shimscan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesCommandTest {
    private static final List<String> MOUNT_RULES = List.of("DS101", "DS102", "DS103", "DS104", "DS105", "DS106");

    @Test
    void listsEveryRegisteredRuleWithNameSeveritySourcesAndSummary() {
        List<Rule> rules = RuleRegistry.load().rules();
        Cli.Run run = shimscan("rules");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).matches("ID +NAME +SEVERITY +SOURCES +SUMMARY");
        assertThat(lines).hasSize(rules.size() + 1);
        for (Rule r : rules) {
            assertThat(lines).anySatisfy(line -> assertThat(line)
                    .startsWith(r.meta().id() + "  ")
                    .contains(r.meta().name())
                    .contains(r.meta().severity().label())
                    .endsWith(r.meta().summary()));
        }
        assertThat(rules).extracting(r -> r.meta().id()).containsAll(MOUNT_RULES);
    }

    @Test
    void listsTheMountRulesInIdOrderWithTheirCatalogData() {
        List<String> lines = shimscan("rules").out().lines().toList();

        assertThat(lines.stream().filter(l -> l.startsWith("DS1")).map(l -> l.substring(0, 5)).toList())
                .isEqualTo(MOUNT_RULES);
        assertThat(lines).anySatisfy(l -> assertThat(l)
                .matches("DS101 +docker-socket-mount +error +manifest, cluster +.*"));
    }

    @Test
    void showsOneRuleWithItsHelp() {
        Rule ds101 = RuleRegistry.load().byId("DS101").orElseThrow();
        String help = RuleRegistry.helpOf(ds101).orElseThrow();

        Cli.Run run = shimscan("rules", "DS101");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("DS101  docker-socket-mount\n")
                .contains("  severity     error\n")
                .contains("  sources      manifest, cluster\n")
                .contains("  summary      " + ds101.meta().summary() + "\n")
                .contains("  remediation  " + ds101.meta().remediation() + "\n")
                .contains(help.strip());
        assertThat(help).isNotBlank();
    }

    @Test
    void ruleIdsAreCaseInsensitive() {
        assertThat(shimscan("rules", "ds104").out()).startsWith("DS104  docker-config-mount\n");
    }

    @Test
    void unknownRuleIsAUsageErrorThatNamesTheKnownRules() {
        Cli.Run run = shimscan("rules", "DS999");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("unknown rule 'DS999'").contains("DS101, DS102").contains("shimscan rules");
    }
}
