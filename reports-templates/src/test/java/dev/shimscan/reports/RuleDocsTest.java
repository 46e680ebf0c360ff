package dev.shimscan.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.rule.RuleDoc;
import dev.shimscan.core.rule.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code docs/rules.md} and {@code docs/rules/*.md} are exactly what {@link RuleDocsGenerator} makes
 * from the registered rules. When a rule or its help changes, regenerate with
 * {@value RuleDocsGenerator#REGENERATE}.
 */
class RuleDocsTest {
    static Path docsDir() {
        String configured = System.getProperty("shimscan.project.dir");
        if (configured != null && Files.isDirectory(Path.of(configured, "docs"))) {
            return Path.of(configured, "docs");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("reports-templates"))) {
                return dir.resolve("docs");
            }
        }
        throw new IllegalStateException("cannot find the checkout's docs/ (set -Dshimscan.project.dir)");
    }

    @Test
    void committedRuleDocsMatchTheRulesMetadataAndHelp() throws IOException {
        List<RuleDoc> docs = RuleRegistry.load().rules().stream().map(RuleDoc::of).toList();
        assertThat(docs).as("registered rules").isNotEmpty();
        Map<String, String> pages = RuleDocsGenerator.generate(docs);
        Path dir = docsDir();
        if (Boolean.getBoolean("shimscan.updateDocs")) {
            Files.createDirectories(dir.resolve("rules"));
            try (Stream<Path> old = Files.list(dir.resolve("rules"))) {
                for (Path p : old.filter(p -> p.getFileName().toString().matches("DS\\d+\\.md")).toList()) {
                    Files.delete(p);
                }
            }
            for (Map.Entry<String, String> e : pages.entrySet()) {
                Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
        }
        List<String> drift = new ArrayList<>();
        for (Map.Entry<String, String> e : pages.entrySet()) {
            Path file = dir.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                drift.add("missing: docs/" + e.getKey());
            } else if (!Files.readString(file, StandardCharsets.UTF_8).equals(e.getValue())) {
                drift.add("differs: docs/" + e.getKey());
            }
        }
        if (Files.isDirectory(dir.resolve("rules"))) {
            try (Stream<Path> files = Files.list(dir.resolve("rules"))) {
                files.map(p -> "rules/" + p.getFileName()).filter(p -> p.endsWith(".md") && !pages.containsKey(p))
                        .sorted().forEach(p -> drift.add("no such rule: docs/" + p));
            }
        }
        assertThat(drift).as("docs/ drifted from the rules; regenerate with: " + RuleDocsGenerator.REGENERATE)
                .isEmpty();
    }

    @Test
    void everyPageHasTheSummaryFixAndTheHelpSectionsAndTheIndexLinksToIt() {
        List<RuleDoc> docs = RuleRegistry.load().rules().stream().map(RuleDoc::of).toList();
        Map<String, String> pages = RuleDocsGenerator.generate(docs);
        for (RuleDoc d : docs) {
            String page = pages.get("rules/" + d.meta().id() + ".md");
            assertThat(page).as(d.meta().id())
                    .contains("# " + d.meta().id() + " " + d.meta().name() + "\n")
                    .contains("> **Finds:** ").contains("> **Fix:** ")
                    .contains("## What it finds").contains("## How to fix")
                    .endsWith("[All rules](../rules.md)\n");
            assertThat(pages.get("rules.md")).contains("| [" + d.meta().id() + "](rules/" + d.meta().id() + ".md) |");
            assertThat(d.helpUri()).isEqualTo(RuleDoc.DOCS_BASE + d.meta().id() + ".md");
        }
    }
}
