package dev.shimscan.core.source.manifest;

import dev.shimscan.core.engine.ResourceChecker;
import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.yaml.DocumentReader;
import dev.shimscan.core.yaml.ParseLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Scans manifest files and stdin: collects the inputs, scans files in parallel, and merges the per-file
 * results in input order into one sorted {@link ScanResult}. A file that cannot be read becomes a problem;
 * the scan goes on.
 */
public final class ManifestScan {
    private final List<Rule> rules;
    private final ContentLoader loader;
    private final int threads;
    private final ParseLimits limits;
    private final Clock clock;
    private final Predicate<ManifestInput> keep;
    private final Optional<KeywordFilter> keywordFilter;

    /** A scan that parses only the files whose text holds a keyword of an enabled rule (see {@link KeywordFilter}). */
    public ManifestScan(List<Rule> rules, ContentLoader loader, int threads, ParseLimits limits, Clock clock) {
        this(rules, loader, threads, limits, clock, input -> true, KeywordFilter.of(rules));
    }

    private ManifestScan(List<Rule> rules, ContentLoader loader, int threads, ParseLimits limits, Clock clock,
                         Predicate<ManifestInput> keep, Optional<KeywordFilter> keywordFilter) {
        this.rules = List.copyOf(rules);
        this.loader = loader;
        this.threads = Math.max(1, threads);
        this.limits = limits;
        this.clock = clock;
        this.keep = keep;
        this.keywordFilter = keywordFilter;
    }

    /** The same scan, of only the files {@code keep} accepts ({@code paths} of {@code .shimscan.yaml}). */
    public ManifestScan onlyInputs(Predicate<ManifestInput> filter) {
        return new ManifestScan(rules, loader, threads, limits, clock, keep.and(filter), keywordFilter);
    }

    /**
     * The same scan, parsing every file: slower, but it reports the syntax errors and counts the objects of files
     * that no enabled rule could fire on.
     */
    public ManifestScan parsingEveryFile() {
        return new ManifestScan(rules, loader, threads, limits, clock, keep, Optional.empty());
    }

    public ScanResult run(List<String> targets) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        InputCollector.Inputs inputs = new InputCollector().collect(targets);
        ResourceChecker checker = new ResourceChecker(rules, SourceKind.MANIFEST);
        ManifestFileScanner scanner = new ManifestFileScanner(new DocumentReader(limits), checker);

        List<ManifestInput> files = inputs.files().stream().filter(keep).toList();
        List<FileScan> scans = scanAll(files, scanner);

        List<Finding> findings = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>(inputs.problems());
        Map<String, Integer> byKind = new TreeMap<>();
        int skipped = 0;
        int notParsed = 0;
        for (FileScan s : scans) {
            notParsed += s.parsed() ? 0 : 1;
            findings.addAll(s.findings());
            problems.addAll(s.problems());
            s.objectsByKind().forEach((k, v) -> byKind.merge(k, v, Integer::sum));
            skipped += s.documentsSkipped();
        }
        findings.sort(Finding.ORDER);
        problems.sort(ScanProblem.ORDER);
        long durationMs = (System.nanoTime() - t0) / 1_000_000;
        return new ScanResult(SourceKind.MANIFEST, List.copyOf(targets), started, durationMs,
                checker.rules().stream().map(Rule::meta).toList(), List.copyOf(findings), List.copyOf(problems),
                byKind, files.size(), skipped, inputs.missingTargets(), notParsed);
    }

    private List<FileScan> scanAll(List<ManifestInput> files, ManifestFileScanner scanner) {
        if (threads == 1 || files.size() < 2) {
            return files.stream().map(f -> scanOne(f, scanner)).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()), r -> {
            Thread t = new Thread(r, "shimscan-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<FileScan>> futures = new ArrayList<>(files.size());
            for (ManifestInput f : files) {
                futures.add(pool.submit(() -> scanOne(f, scanner)));
            }
            List<FileScan> out = new ArrayList<>(files.size());
            for (int i = 0; i < futures.size(); i++) {
                out.add(await(futures.get(i), files.get(i)));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static FileScan await(Future<FileScan> future, ManifestInput input) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return failed(input, "internal error while scanning: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(input, "scan interrupted");
        }
    }

    private FileScan scanOne(ManifestInput input, ManifestFileScanner scanner) {
        long size = sizeOnDisk(input);
        if (size > limits.maxFileChars()) {
            return tooLarge(input, size);
        }
        byte[] bytes;
        try {
            bytes = loader.load(input);
        } catch (IOException | RuntimeException e) {
            return failed(input, "cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        if (bytes.length > limits.maxFileChars()) {
            return tooLarge(input, bytes.length);
        }
        if (keywordFilter.isPresent() && !keywordFilter.get().mustParse(bytes)) {
            return FileScan.notParsed(input.displayPath());
        }
        return scanner.scanBytes(input.displayPath(), input.isJson(), bytes);
    }

    /** The size of a file on disk, checked before reading so a huge file is never loaded; -1 if unknown. */
    private static long sizeOnDisk(ManifestInput input) {
        if (input.isStdin()) {
            return -1;
        }
        try {
            return Files.size(input.path());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private FileScan tooLarge(ManifestInput input, long size) {
        String message = "file is " + size + " bytes, larger than the limit of " + limits.maxFileChars()
                + "; not scanned";
        return new FileScan(input.displayPath(), List.of(),
                List.of(ScanProblem.inFile(input.displayPath(), ScanProblem.Type.LIMIT, message)), Map.of(), 0);
    }

    private static FileScan failed(ManifestInput input, String message) {
        return new FileScan(input.displayPath(), List.of(),
                List.of(ScanProblem.inFile(input.displayPath(), ScanProblem.Type.IO, message)), Map.of(), 0);
    }
}
