package dev.shimscan.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.tree.NodeRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixtureHarnessTest {

    /** Reports every occurrence of the word "bad" in any string, positioned on its line. */
    static final class BadWordRule implements Rule {
        static final RuleMeta META = new RuleMeta("DS990", "bad-word", Severity.WARNING,
                java.util.Set.of(SourceKind.MANIFEST), "bad words", "say something nicer");

        @Override
        public RuleMeta meta() {
            return META;
        }

        @Override
        public void check(Resource resource, RuleContext ctx) {
            visit(resource.root(), ctx);
        }

        private void visit(NodeRef node, RuleContext ctx) {
            node.fields().forEach(f -> visit(f.value(), ctx));
            node.elements().forEach(e -> visit(e, ctx));
            String text = node.node().isTextual() ? node.node().textValue() : "";
            for (int at = text.indexOf("bad"); at >= 0; at = text.indexOf("bad", at + 1)) {
                ctx.report(Hit.at(node, "bad word").withEvidence("bad", at));
            }
        }
    }

    /** Throws on every object. */
    static final class BrokenRule implements Rule {
        @Override
        public RuleMeta meta() {
            return new RuleMeta("DS991", "broken", Severity.NOTE, java.util.Set.of(SourceKind.MANIFEST), "x", "y");
        }

        @Override
        public void check(Resource resource, RuleContext ctx) {
            throw new IllegalStateException("boom");
        }
    }

    private static final FixtureHarness HARNESS = FixtureHarness.forRules(List.of(new BadWordRule()));

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void passesWhenMarkersAndFindingsAgree() throws IOException {
        write("ok.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                data:
                  one: bad            # expect: DS990
                  two: good
                  # expect+3: DS990
                  three: |
                    fine
                    bad
                  four: bad bad       # expect: DS990, DS990
                """);
        FixtureHarness.Outcome outcome = HARNESS.verify(dir);
        assertThat(outcome.expected()).isEqualTo(4);
        assertThat(outcome.result().findings()).hasSize(4);
    }

    @Test
    void failsOnAMarkerWithoutFinding() throws IOException {
        write("missing.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                data:
                  one: bad            # expect: DS990
                  two: good           # expect: DS990
                """);
        assertThat(HARNESS.run(dir).mismatches())
                .containsExactly(dir.getFileName() + "/missing.yaml:6 DS990 expected, not reported");
        assertThatThrownBy(() -> HARNESS.verify(dir)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("missing.yaml:6 DS990 expected, not reported");
    }

    @Test
    void failsOnAFindingWithoutMarker() throws IOException {
        write("extra.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                data:
                  one: bad            # expect: DS990
                  two: |
                    bad
                """);
        assertThat(HARNESS.run(dir).mismatches())
                .containsExactly(dir.getFileName() + "/extra.yaml:7 DS990 reported, not expected: bad word");
    }

    @Test
    void countsFindingsPerLine() throws IOException {
        write("twice.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                data:
                  one: bad bad        # expect: DS990
                """);
        assertThat(HARNESS.run(dir).mismatches())
                .containsExactly(dir.getFileName() + "/twice.yaml:5 DS990 reported, not expected: bad word");
    }

    @Test
    void readsJsonExpectationsFromASidecar() throws IOException {
        write("obj.json", """
                {
                  "apiVersion": "v1",
                  "kind": "ConfigMap",
                  "metadata": {"name": "a"},
                  "data": {"one": "bad"}
                }
                """);
        write("obj.json.expect", "# line: rules\n5: DS990\n");
        assertThat(HARNESS.verify(dir).expected()).isEqualTo(1);
    }

    @Test
    void ignoresMarkersOfRulesNotUnderTest() throws IOException {
        write("mixed.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                data:
                  one: bad            # expect: DS990, DS101
                  two: other          # expect: DS102
                """);
        assertThat(HARNESS.verify(dir).expected()).isEqualTo(1);
    }

    @Test
    void failsOnParseProblemsUnlessTheFixtureAllowsThem() throws IOException {
        String broken = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                data:
                  one: bad            # expect: DS990
                ---
                key: [unclosed
                """;
        write("broken.yaml", broken);
        assertThat(HARNESS.run(dir).mismatches()).singleElement().asString()
                .startsWith(dir.getFileName() + "/broken.yaml:").contains("problem parse");

        // with the header every line moves down one, and the marker still names its own line
        write("broken.yaml", "# fixture: allow-problems\n" + broken);
        assertThat(HARNESS.run(dir).mismatches()).isEmpty();
    }

    @Test
    void ruleErrorsAlwaysFail() throws IOException {
        write("any.yaml", """
                # fixture: allow-problems
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                data:
                  one: bad            # expect: DS990
                """);
        FixtureHarness both = FixtureHarness.forRules(List.of(new BadWordRule(), new BrokenRule()));
        assertThat(both.run(dir).mismatches()).singleElement().asString()
                .contains("problem rule-error").contains("DS991");
    }

    @Test
    void aRunThatExpectsNothingFails() throws IOException {
        write("negative.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                data: {one: good}
                """);
        assertThat(HARNESS.run(dir).mismatches()).singleElement().asString().contains("expect no finding");
    }

    @Test
    void anEmptyDirectoryFails() {
        assertThat(HARNESS.run(dir).mismatches()).singleElement().asString().contains("no fixture files");
    }
}
