package dev.shimscan.core.source.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.yaml.ParseLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A rule that never returns on one object cannot take the scan down: after the per-rule time limit that object's
 * file becomes a rule-error problem naming the rule and the object, every other file is scanned in full, and the
 * scan ends, with one worker or several.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a regression would hang the scan: fail instead
class RuleTimeoutTest {
    @TempDir
    Path dir;

    /** Blocks on the object named {@code stuck} until the test ends: a rule that runs forever, as far as the scan sees. */
    private final CountDownLatch release = new CountDownLatch(1);

    private final Rule hangsOnStuck = new Rule() {
        private final RuleMeta meta = new RuleMeta("DS991", "hangs-on-stuck", Severity.NOTE,
                Set.of(SourceKind.MANIFEST), "Never returns on the object named stuck.", "None.");

        @Override
        public RuleMeta meta() {
            return meta;
        }

        @Override
        public void check(Resource resource, RuleContext ctx) {
            if ("stuck".equals(resource.root().at("metadata", "name").textOr(""))) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    };

    private final Rule namesEveryObject = new Rule() {
        private final RuleMeta meta = new RuleMeta("DS992", "names-every-object", Severity.NOTE,
                Set.of(SourceKind.MANIFEST), "Reports every object's name.", "None.");

        @Override
        public RuleMeta meta() {
            return meta;
        }

        @Override
        public void check(Resource resource, RuleContext ctx) {
            ctx.report(Hit.at(resource.root().at("metadata", "name"), "seen"));
        }
    };

    @AfterEach
    void releaseTheStuckRule() {
        release.countDown();
    }

    private static String configMap(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n";
    }

    @ParameterizedTest(name = "{0} worker(s)")
    @ValueSource(ints = {1, 2})
    void aRuleThatNeverReturnsCostsOnlyItsFileAndTheScanEnds(int threads) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), configMap("first"));
        Files.writeString(dir.resolve("b.yaml"), configMap("stuck") + "---\n" + configMap("beside-stuck"));
        Files.writeString(dir.resolve("c.yaml"), configMap("third"));
        Files.writeString(dir.resolve("d.yaml"), configMap("fourth"));

        ScanResult result = new ManifestScan(List.of(namesEveryObject, hangsOnStuck),
                ContentLoader.standard(InputStream.nullInputStream()), threads, ParseLimits.DEFAULT, Clock.systemUTC())
                .withRuleTimeout(Duration.ofMillis(200))
                .run(List.of(dir.toString()));

        assertThat(result.findings()).extracting(f -> f.location().file().replace(dir + "/", ""))
                .containsExactly("a.yaml", "c.yaml", "d.yaml");
        assertThat(result.findings()).extracting(Finding::message).containsOnly("seen");
        assertThat(result.problems()).hasSize(1);
        ScanProblem problem = result.problems().get(0);
        assertThat(problem.file()).isEqualTo(dir.resolve("b.yaml").toString());
        assertThat(problem.type()).isEqualTo(ScanProblem.Type.RULE_ERROR);
        assertThat(problem.ruleId()).isEqualTo("DS991");
        assertThat(problem.message()).isEqualTo("rule DS991 did not finish within 200ms on ConfigMap/stuck; "
                + "this file's findings are left out and the scan went on without it");
        assertThat(result.filesScanned()).isEqualTo(4);
    }

    @Test
    void aStuckRuleOnAFileThatHoldsTheWholeBudgetOfBytesInFlightDoesNotBlockTheOthers() throws IOException {
        // with a file limit of 1,000 bytes every file takes the whole budget: one file at a time
        Files.writeString(dir.resolve("a.yaml"), configMap("stuck"));
        Files.writeString(dir.resolve("b.yaml"), configMap("second"));
        Files.writeString(dir.resolve("c.yaml"), configMap("third"));

        ScanResult result = new ManifestScan(List.of(namesEveryObject, hangsOnStuck),
                ContentLoader.standard(InputStream.nullInputStream()), 2, new ParseLimits(500, 100_000, 1_000),
                Clock.systemUTC())
                .withRuleTimeout(Duration.ofMillis(200))
                .run(List.of(dir.toString()));

        assertThat(result.findings()).extracting(f -> f.location().file().replace(dir + "/", ""))
                .containsExactly("b.yaml", "c.yaml");
        assertThat(result.problems()).extracting(ScanProblem::ruleId).containsExactly("DS991");
    }

    @Test
    void theLimitMustBePositive() {
        ManifestScan scan = new ManifestScan(List.of(namesEveryObject),
                ContentLoader.standard(InputStream.nullInputStream()), 1, ParseLimits.DEFAULT, Clock.systemUTC());
        assertThatThrownBy(() -> scan.withRuleTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
