package dev.shimscan.core.source.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.engine.RuleSelection;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Keyword;
import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeywordFilterTest {
    private static Rule rule(String id, Set<SourceKind> sources, Keywords keywords) {
        RuleMeta meta = new RuleMeta(id, "test-rule", Severity.NOTE, sources, "Test.", "None.");
        return new Rule() {
            @Override
            public RuleMeta meta() {
                return meta;
            }

            @Override
            public void check(Resource resource, RuleContext ctx) {
            }

            @Override
            public Keywords keywords() {
                return keywords;
            }
        };
    }

    private static final KeywordFilter FILTER = KeywordFilter.of(List.of(
            rule("DS901", Set.of(SourceKind.MANIFEST), Keywords.anyOf(
                    Keyword.of("docker").notFollowedBy("-entrypoint", ".io/"), Keyword.of("var/log/pods"))),
            rule("DS902", Set.of(SourceKind.MANIFEST), Keywords.anyOf(Keyword.of("engine_daemon_"))
                    .andAnyOf("expr", "groups")),
            rule("DS903", Set.of(SourceKind.HOST), Keywords.UNDECLARED))).orElseThrow();

    private static boolean mustParse(String text) {
        return FILTER.mustParse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileWithoutAnyKeywordIsNotParsed() {
        assertThat(mustParse("apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n")).isFalse();
        assertThat(mustParse("")).isFalse();
        assertThat(mustParse("---\n")).isFalse();
    }

    @Test
    void keywordsMatchIgnoringCase() {
        assertThat(mustParse("image: DOCKER:24")).isTrue();
        assertThat(mustParse("env: Docker")).isTrue();
    }

    @Test
    void quotesBackslashesAndEscapedLineBreaksInsideAKeywordAreSkipped() {
        assertThat(mustParse("command: [sh, -c, 'd\"ock\"er ps']")).isTrue();
        assertThat(mustParse("x: \"doc\\\n    ker\"")).isTrue();
        assertThat(mustParse("x: \"doc\\\r\n  ker\"")).isTrue();
        assertThat(mustParse("x: d'o'c'k'e'r")).isTrue();
        assertThat(mustParse("x: doc ker")).isFalse();
    }

    @Test
    void aSlashMatchesAnyRunOfSlashesAndBackslashes() {
        assertThat(mustParse("path: /var//log/pods")).isTrue();
        assertThat(mustParse("path: \"\\/var\\/log\\/pods\"")).isTrue();
        assertThat(mustParse("path: C:\\var\\log\\pods")).isTrue();
        assertThat(mustParse("path: /var/logpods")).isFalse();
    }

    @Test
    void excludedContinuationsDoNotCountButOtherOccurrencesDo() {
        assertThat(mustParse("for f in /docker-entrypoint.d/*.sh; do . $f; done")).isFalse();
        assertThat(mustParse("image: docker.io/bitnami/redis:7")).isFalse();
        assertThat(mustParse("image: docker.io/library/docker:24")).isTrue();
        assertThat(mustParse("image: docker.io")).isTrue();
        assertThat(mustParse("x: d\"ocker\"-entrypoint")).isTrue(); // a quote between: counted, to be safe
    }

    @Test
    void aRuleWithSeveralGroupsNeedsAKeywordOfEachGroup() {
        assertThat(mustParse("q: rate(engine_daemon_container_actions_seconds_count[5m])")).isFalse();
        assertThat(mustParse("expr: rate(engine_daemon_container_actions_seconds_count[5m])")).isTrue();
        assertThat(mustParse("groups:\n- rules:\n  - x: engine_daemon_x")).isTrue();
    }

    @Test
    void filesThatCouldHideAKeywordOrHaveAProblemToReportAreParsed() {
        assertThat(mustParse("x: \"\\x64ocker\"")).as("YAML hex escape").isTrue();
        assertThat(mustParse("{\"x\": \"\\u0064ocker\"}")).as("JSON unicode escape").isTrue();
        assertThat(mustParse("x: \"\\U00000064ocker\"")).isTrue();
        assertThat(mustParse("x: caf\u00e9")).as("non-ASCII").isTrue();
        assertThat(mustParse("x: a\u0000b")).as("NUL byte").isTrue();
        assertThat(mustParse("image: {{ .Values.image }}")).as("Helm template").isTrue();
        assertThat(FILTER.mustParse(new byte[] {(byte) 0xFF, (byte) 0xFE, 'x', 0})).as("UTF-16 BOM").isTrue();
    }

    private static long select(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return FILTER.select(bytes, bytes.length);
    }

    @Test
    void aFileSelectsOnlyTheRulesWhoseKeywordsItHolds() {
        long ds901 = RuleSelection.bit(0);
        long ds902 = RuleSelection.bit(1); // DS903 applies to hosts only: not among the filter's rules
        assertThat(select("path: /var/log/pods")).isEqualTo(ds901);
        assertThat(select("expr: rate(engine_daemon_x[5m])")).isEqualTo(ds902);
        assertThat(select("expr: engine_daemon_x\nimage: docker:24")).isEqualTo(ds901 | ds902);
        assertThat(select("groups: []\nx: engine_daemon_x\ny: var/log/pods")).isEqualTo(ds901 | ds902);
        assertThat(select("engine_daemon_x: docker.io/nginx")).as("one group of DS902 only").isEqualTo(0);
        assertThat(select("a: b")).isEqualTo(RuleSelection.NONE);
    }

    @Test
    void aFileThatCouldHideAKeywordRunsEveryRule() {
        assertThat(select("x: \"\\u0064ocker\"")).isEqualTo(RuleSelection.ALL);
        assertThat(select("x: caf\u00e9")).isEqualTo(RuleSelection.ALL);
        assertThat(select("path: /var/log/pods\nx: caf\u00e9")).isEqualTo(RuleSelection.ALL);
        assertThat(select("x: \u00e9")).as("non-ASCII last byte").isEqualTo(RuleSelection.ALL);
        assertThat(select("image: {{ .Values.image }}")).isEqualTo(RuleSelection.ALL);
        assertThat(select("x")).isEqualTo(RuleSelection.NONE);
        assertThat(select("")).isEqualTo(RuleSelection.NONE);
    }

    /** Keywords with a slash as their second or third byte, and one of two bytes. */
    private static final KeywordFilter SHAPES = KeywordFilter.of(List.of(
            rule("DS905", Set.of(SourceKind.MANIFEST), Keywords.anyOf("a/bc")),
            rule("DS906", Set.of(SourceKind.MANIFEST), Keywords.anyOf("ab/cd")),
            rule("DS907", Set.of(SourceKind.MANIFEST), Keywords.anyOf("zq")))).orElseThrow();

    private static long shapes(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return SHAPES.select(bytes, bytes.length);
    }

    @Test
    void slashesAsTheSecondOrThirdByteAndTwoByteKeywordsAreFound() {
        assertThat(shapes("x: a/bc")).isEqualTo(RuleSelection.bit(0));
        assertThat(shapes("x: A\\\\BC")).isEqualTo(RuleSelection.bit(0));
        assertThat(shapes("x: a'//'bc")).isEqualTo(RuleSelection.bit(0));
        assertThat(shapes("x: abc")).isEqualTo(RuleSelection.NONE);
        assertThat(shapes("x: ab/cd")).isEqualTo(RuleSelection.bit(1));
        assertThat(shapes("x: ab\\cd")).isEqualTo(RuleSelection.bit(1));
        assertThat(shapes("x: \"ab\"/cd")).isEqualTo(RuleSelection.bit(1));
        assertThat(shapes("x: abcd")).isEqualTo(RuleSelection.NONE);
        assertThat(shapes("zq")).isEqualTo(RuleSelection.bit(2));
        assertThat(shapes("x: z'q")).isEqualTo(RuleSelection.bit(2));
        assertThat(shapes("x: z\\\n  q")).isEqualTo(RuleSelection.bit(2));
        assertThat(shapes("x: z q")).isEqualTo(RuleSelection.NONE);
    }

    @Test
    void quotesAndEscapedLineBreaksRightAfterTheFirstByteAreSkipped() {
        assertThat(mustParse("x: d\"ocker")).isTrue();
        assertThat(mustParse("x: d\"\"'ocker")).isTrue();
        assertThat(mustParse("x: \"d\\\n    ocker\"")).isTrue();
        assertThat(mustParse("x: \"d\\\r\n\tocker\"")).isTrue();
        assertThat(mustParse("x: \"d\\\n\"")).isFalse();
        assertThat(mustParse("x: d\"\nocker")).isFalse();
    }

    /**
     * The tables and shortcuts of {@code select} against the slow way ({@code selectByTrial}) on random texts made of
     * the pieces that matter: keyword fragments in both cases, quotes, backslashes, slashes, line breaks, indentation,
     * escapes, Helm braces and non-ASCII bytes.
     */
    @Test
    void selectAgreesWithTryingEveryKeywordAtEveryOffset() {
        KeywordFilter filter = KeywordFilter.of(List.of(
                rule("DS901", Set.of(SourceKind.MANIFEST), Keywords.anyOf(
                        Keyword.of("docker").notFollowedBy("-entrypoint", ".io/"), Keyword.of("var/log/pods"))),
                rule("DS902", Set.of(SourceKind.MANIFEST), Keywords.anyOf(Keyword.of("engine_daemon_"))
                        .andAnyOf("expr", "groups")),
                rule("DS905", Set.of(SourceKind.MANIFEST), Keywords.anyOf("a/bc", "ab/cd", "zq", "bip")),
                rule("DS908", Set.of(SourceKind.MANIFEST), Keywords.anyOf("docker.sock", "dockershim.sock")))).orElseThrow();
        String[] pieces = {"d", "do", "doc", "dock", "Dock", "docker", "DOCKER", "er", "ker", "-entrypoint", ".io/", ".sock",
            "shim", "var", "/", "//", "log", "pods", "engine_", "daemon_", "expr", "groups", "a", "ab", "bc", "cd", "z", "q",
            "bi", "p", "\"", "'", "\\", "\n", "\r\n", "  ", "\t", "x", "\\x", "\\u", "{", "{{", "\u00e9", " ", ":", "-"};
        Random random = new Random(20261126);
        int agreed = 0;
        int selectedSome = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            int parts = random.nextInt(12);
            for (int k = 0; k < parts; k++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            long fast = filter.select(bytes, bytes.length);
            long slow = filter.selectByTrial(bytes, bytes.length);
            long every = RuleSelection.firstRules(4);
            if ((fast & every) == every || (slow & every) == every) {
                assertThat(fast & every).as(sb.toString()).isEqualTo(every);
                assertThat(slow & every).as(sb.toString()).isEqualTo(every);
            } else {
                assertThat(fast).as(sb.toString()).isEqualTo(slow);
            }
            agreed++;
            selectedSome += fast != RuleSelection.NONE && fast != RuleSelection.ALL ? 1 : 0;
        }
        assertThat(agreed).isEqualTo(200_000);
        assertThat(selectedSome).as("texts that select some rules but not all").isGreaterThan(20_000);
    }

    @Test
    void rulesBeyondTheSixtyThirdShareTheLastBit() {
        List<Rule> rules = new java.util.ArrayList<>();
        for (int i = 0; i < 70; i++) {
            rules.add(rule("DS9" + (10 + i), Set.of(SourceKind.MANIFEST), Keywords.anyOf(Keyword.of("kw" + i + "z"))));
        }
        KeywordFilter filter = KeywordFilter.of(rules).orElseThrow();
        byte[] kw69 = "x: kw69z".getBytes(StandardCharsets.US_ASCII);
        byte[] kw5 = "x: kw5z".getBytes(StandardCharsets.US_ASCII);
        assertThat(filter.select(kw69, kw69.length)).isEqualTo(RuleSelection.bit(63)).isEqualTo(RuleSelection.bit(69));
        assertThat(filter.select(kw5, kw5.length)).isEqualTo(RuleSelection.bit(5));
        assertThat(RuleSelection.includes(RuleSelection.bit(63), 66)).isTrue();
    }

    @Test
    void aManifestRuleWithoutKeywordsTurnsTheFilterOff() {
        assertThat(KeywordFilter.of(List.of(rule("DS904", Set.of(SourceKind.MANIFEST), Keywords.UNDECLARED))))
                .isEmpty();
    }

    @Test
    void keywordsAreLowerCaseAsciiWithoutQuotesOrSpaces() {
        for (String bad : List.of("Docker", "doc ker", "d\"ocker", "doc\\ker", "", "dockér", "x", "/var")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Keyword.of(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
