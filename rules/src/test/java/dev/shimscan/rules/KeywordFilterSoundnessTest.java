package dev.shimscan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.Keyword;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleRegistry;
import dev.shimscan.core.source.manifest.ContentLoader;
import dev.shimscan.core.source.manifest.ManifestScan;
import dev.shimscan.core.yaml.ParseLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The keyword filter may only skip files that cannot hold a finding: every rule fixture and every file of the
 * shared corpus gives exactly the same findings (and the same problems, for the files the filter lets through)
 * with the filter as without it. And the filter does skip files, so this comparison is not vacuous.
 */
class KeywordFilterSoundnessTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static List<Rule> rules;

    @BeforeAll
    static void loadRules() {
        rules = RuleRegistry.load().rules();
    }

    @Test
    void everyManifestRuleDeclaresKeywords() {
        List<String> undeclared = rules.stream()
                .filter(r -> r.meta().sources().contains(SourceKind.MANIFEST))
                .filter(r -> !r.keywords().declared())
                .map(r -> r.meta().id()).toList();
        assertThat(undeclared).isEmpty();
    }

    @Test
    void ruleFixturesGiveTheSameFindingsWithAndWithoutTheFilter() throws IOException {
        List<Path> files = manifests(Fixtures.root());
        assertThat(files).hasSizeGreaterThanOrEqualTo(70);
        // fixtures are about Docker: even their negative cases name it, so the filter passes every one of them
        assertThat(compareFileByFile(files)).isZero();
    }

    @Test
    void sharedCorpusGivesTheSameFindingsWithAndWithoutTheFilter() throws IOException {
        Path corpus = CatalogTest.sharedDir().resolve("corpus");
        List<Path> files = manifests(corpus);
        assertThat(files).hasSizeGreaterThanOrEqualTo(77);
        int skipped = compareFileByFile(files);
        assertThat(skipped).isPositive();
    }

    @Test
    void eachRuleFiresOnlyOnFilesThatHoldItsKeywords() throws IOException {
        // a direct check of each rule's own promise, independent of the other rules' keywords: every fixture
        // file on which a rule fires contains one keyword of each of its groups (ignoring case)
        List<Path> files = new ArrayList<>(manifests(Fixtures.root()));
        files.addAll(manifests(CatalogTest.sharedDir().resolve("corpus")));
        int checked = 0;
        for (Path file : files) {
            String text = Files.readString(file).toLowerCase(Locale.ROOT).replace("\"", "").replace("'", "")
                    .replace("\\", "").replaceAll("/+", "/");
            ScanResult result = scan(List.of(file), false);
            for (Finding f : result.findings()) {
                Rule rule = rules.stream().filter(r -> r.meta().id().equals(f.ruleId())).findFirst().orElseThrow();
                for (List<Keyword> group : rule.keywords().allOf()) {
                    assertThat(group.stream().anyMatch(k -> text.contains(k.text().replaceAll("/+", "/"))))
                            .as("%s fired in %s, which holds none of %s", f.ruleId(), file, group)
                            .isTrue();
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(300);
    }

    /** Scans each file alone, with and without the filter; returns how many files the filter did not parse. */
    private static int compareFileByFile(List<Path> files) {
        int notParsed = 0;
        for (Path file : files) {
            ScanResult filtered = scan(List.of(file), true);
            ScanResult everything = scan(List.of(file), false);
            assertThat(filtered.findings()).as("findings of %s", file).isEqualTo(everything.findings());
            if (filtered.filesNotParsed() == 0) {
                assertThat(filtered.problems()).as("problems of %s", file).isEqualTo(everything.problems());
                assertThat(filtered.objectsByKind()).as("objects of %s", file).isEqualTo(everything.objectsByKind());
            } else {
                notParsed++;
            }
        }
        return notParsed;
    }

    private static ScanResult scan(List<Path> files, boolean filter) {
        ManifestScan scan = new ManifestScan(rules, ContentLoader.standard(new ByteArrayInputStream(new byte[0])),
                1, ParseLimits.DEFAULT, CLOCK);
        return (filter ? scan : scan.parsingEveryFile()).run(files.stream().map(Path::toString).toList());
    }

    private static List<Path> manifests(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
            }).sorted().toList();
        }
    }
}
