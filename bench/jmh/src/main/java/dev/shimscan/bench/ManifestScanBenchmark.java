package dev.shimscan.bench;

import dev.shimscan.bench.Corpus.CorpusFile;
import dev.shimscan.core.engine.RuleSelection;
import dev.shimscan.core.yaml.SourceText;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-MB cost of the manifest scan's steps on one thread, files already in memory (no disk, no directory walk,
 * no report). One operation is one pass over the whole corpus (see {@link CorpusState}); the {@code :megabytes}
 * secondary result of each benchmark is its throughput in MB/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class ManifestScanBenchmark {

    /** Parse + every manifest rule on every file: {@code ManifestFileScanner.scanBytes} (decoding included). */
    @Benchmark
    public void parseAndRules(CorpusState s, Megabytes mb, Blackhole bh) {
        for (CorpusFile f : s.corpus.files()) {
            bh.consume(s.scanner.scanBytes(f.name(), f.json(), f.bytes()));
        }
        mb.add(s.corpus.bytes());
    }

    /** The keyword pre-filter alone: {@code KeywordFilter.select} over every file's bytes. */
    @Benchmark
    public void keywordFilter(CorpusState s, Megabytes mb, Blackhole bh) {
        for (CorpusFile f : s.corpus.files()) {
            bh.consume(s.keywordFilter.select(f.bytes(), f.bytes().length));
        }
        mb.add(s.corpus.bytes());
    }

    /** Decoding (UTF-8) and parsing with positions only: {@code DocumentReader.readYaml/readJson}, no rules. */
    @Benchmark
    public void parseOnly(CorpusState s, Megabytes mb, Blackhole bh) {
        for (CorpusFile f : s.corpus.files()) {
            SourceText text = new SourceText(new String(f.bytes(), StandardCharsets.UTF_8));
            bh.consume(f.json() ? s.reader.readJson(text) : s.reader.readYaml(text));
        }
        mb.add(s.corpus.bytes());
    }

    /**
     * What {@code shimscan manifests} does with a file once it has read it: the keyword filter, then parse and the
     * rules it selects, only for the files it lets through.
     */
    @Benchmark
    public void filterThenParseAndRules(CorpusState s, Megabytes mb, Blackhole bh) {
        for (CorpusFile f : s.corpus.files()) {
            long selection = s.keywordFilter.select(f.bytes(), f.bytes().length);
            if (selection != RuleSelection.NONE) {
                bh.consume(s.scanner.scanBytes(f.name(), f.json(), f.bytes(), null, selection));
            }
        }
        mb.add(s.corpus.bytes());
    }
}
