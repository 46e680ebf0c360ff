package dev.shimscan.bench;

import dev.shimscan.core.engine.ResourceChecker;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleRegistry;
import dev.shimscan.core.source.manifest.KeywordFilter;
import dev.shimscan.core.source.manifest.ManifestFileScanner;
import dev.shimscan.core.yaml.DocumentReader;
import dev.shimscan.core.yaml.ParseLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The corpus in memory and the scanner parts the benchmarks call, built once per fork.
 *
 * <p>System properties (given to {@code java} before {@code -jar}: JMH passes them on to its forks):
 * {@code shimscan.bench.corpus=DIR} scans the manifests under DIR; without it, {@code shimscan.bench.files} (default
 * 300) files are generated with {@code bench/generate-corpus.py} into a temporary directory, deleted afterwards.
 */
@State(Scope.Benchmark)
public class CorpusState {
    static final String CORPUS_PROPERTY = "shimscan.bench.corpus";
    static final String FILES_PROPERTY = "shimscan.bench.files";
    static final int DEFAULT_FILES = 300;

    Corpus corpus;
    /** Every built-in rule that applies to manifests, as {@code shimscan manifests} runs them. */
    List<Rule> rules;
    DocumentReader reader;
    ManifestFileScanner scanner;
    KeywordFilter keywordFilter;
    private Path generated;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String dir = System.getProperty(CORPUS_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            corpus = Corpus.read(Path.of(dir));
        } else {
            int files = Integer.getInteger(FILES_PROPERTY, DEFAULT_FILES);
            generated = Files.createTempDirectory("shimscan-jmh-corpus-");
            Path target = generated.resolve("corpus");
            Corpus.generate(target, files);
            corpus = Corpus.read(target);
        }
        rules = RuleRegistry.builtIn().rules().stream()
                .filter(r -> r.meta().sources().contains(SourceKind.MANIFEST)).toList();
        reader = new DocumentReader(ParseLimits.DEFAULT);
        scanner = new ManifestFileScanner(reader, new ResourceChecker(rules, SourceKind.MANIFEST));
        keywordFilter = KeywordFilter.of(rules).orElseThrow(
                () -> new IllegalStateException("a manifest rule declares no keywords: there is no keyword filter"));
        long mustParse = corpus.files().stream().filter(f -> keywordFilter.mustParse(f.bytes())).count();
        System.out.printf(Locale.ROOT, "%ncorpus: %s: %d files, %d bytes (%.3f MB); %d manifest rules; "
                        + "%d files must be parsed by the keyword filter%n"
                        + "one op = one pass over the whole corpus: MB/s = ops/s x %.3f (the :megabytes line "
                        + "reports it directly)%n",
                corpus.dir(), corpus.files().size(), corpus.bytes(), corpus.megabytes(), rules.size(), mustParse,
                corpus.megabytes());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (generated != null) {
            Corpus.delete(generated);
        }
    }
}
