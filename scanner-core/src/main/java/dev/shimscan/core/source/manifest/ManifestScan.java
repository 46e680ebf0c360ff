package dev.shimscan.core.source.manifest;

import dev.shimscan.core.engine.RuleTimeout;
import dev.shimscan.core.engine.ResourceChecker;
import dev.shimscan.core.engine.RuleSelection;
import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.yaml.DocumentReader;
import dev.shimscan.core.yaml.ParseLimits;
import java.io.IOException;
import java.nio.file.Files;
import dev.shimscan.core.engine.RuleProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final RuleTimeout ruleTimeout;

    /** A scan that parses only the files whose text holds a keyword of an enabled rule (see {@link KeywordFilter}). */
    public ManifestScan(List<Rule> rules, ContentLoader loader, int threads, ParseLimits limits, Clock clock) {
        this(rules, loader, threads, limits, clock, input -> true, KeywordFilter.of(rules), RuleTimeout.DEFAULT);
    }

    private ManifestScan(List<Rule> rules, ContentLoader loader, int threads, ParseLimits limits, Clock clock,
                         Predicate<ManifestInput> keep, Optional<KeywordFilter> keywordFilter, RuleTimeout ruleTimeout) {
        this.rules = List.copyOf(rules);
        this.loader = loader;
        this.threads = Math.max(1, threads);
        this.limits = limits;
        this.clock = clock;
        this.keep = keep;
        this.keywordFilter = keywordFilter;
        this.ruleTimeout = ruleTimeout;
    }

    /** The same scan, of only the files {@code keep} accepts ({@code paths} of {@code .shimscan.yaml}). */
    public ManifestScan onlyInputs(Predicate<ManifestInput> filter) {
        return new ManifestScan(rules, loader, threads, limits, clock, keep.and(filter), keywordFilter, ruleTimeout);
    }

    /**
     * The same scan, parsing every file: slower, but it reports the syntax errors and counts the objects of files
     * that no enabled rule could fire on.
     */
    public ManifestScan parsingEveryFile() {
        return new ManifestScan(rules, loader, threads, limits, clock, keep, Optional.empty(), ruleTimeout);
    }

    /**
     * The same scan, with another limit on how long one rule may run on one object. A rule that overruns it is
     * left running on a thread of its own (Java cannot stop it), its file becomes a {@code rule-error} problem
     * without findings, and a new worker takes over the rest of the scan.
     */
    public ManifestScan withRuleTimeout(Duration timeout) {
        return new ManifestScan(rules, loader, threads, limits, clock, keep, keywordFilter, new RuleTimeout(timeout));
    }

    public ScanResult run(List<String> targets) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        ResourceChecker checker = new ResourceChecker(rules, SourceKind.MANIFEST);
        ManifestFileScanner scanner = new ManifestFileScanner(new DocumentReader(limits), checker);
        InputCollector.Inputs inputs;
        List<ManifestInput> files;
        List<FileScan> scans;
        // files are scanned as the walk finds them; the results are taken in the walk's sorted order
        try (Workers workers = new Workers(scanner)) {
            inputs = new InputCollector().collect(targets, input -> {
                if (keep.test(input)) {
                    workers.start(input);
                }
            });
            files = inputs.files().stream().filter(keep).toList();
            scans = workers.awaitInOrder(files);
        }

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

    /**
     * The pool that scans the files, started on each file as it is found (by the thread that walks, which later
     * awaits the results). Threads are created as files arrive, up to {@code threads}; {@link #close} stops them.
     */
    private final class Workers implements AutoCloseable {
        private final ManifestFileScanner scanner;
        private final ThreadPoolExecutor pool;
        // one file at the size limit at a time: its tree takes several times its text
        private final InFlightBytes budget = new InFlightBytes(limits.maxFileChars());
        private final Map<String, Task> byDisplayPath = new LinkedHashMap<>();

        Workers(ManifestFileScanner scanner) {
            this.scanner = scanner;
            this.pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "shimscan-scan");
                t.setDaemon(true); // a rule that never returns must not keep the process alive
                return t;
            });
        }

        void start(ManifestInput input) {
            Task task = new Task(input, new RuleProgress(), new CompletableFuture<>(), new AtomicInteger());
            byDisplayPath.put(input.displayPath(), task);
            pool.execute(() -> task.result().complete(scanGuarded(task, scanner, budget)));
        }

        /** The results of {@code files} (each started before), in that order. */
        List<FileScan> awaitInOrder(List<ManifestInput> files) {
            List<Task> all = List.copyOf(byDisplayPath.values());
            List<FileScan> out = new ArrayList<>(files.size());
            for (ManifestInput f : files) {
                out.add(awaitWatching(byDisplayPath.get(f.displayPath()), all, pool, budget));
            }
            return out;
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /**
     * One file's scan: the file, what its worker is running, its result, and the room it holds in the budget of
     * bytes in flight (given back by the worker when done, or by the watchdog when it gives up on the file).
     */
    private record Task(ManifestInput input, RuleProgress progress, CompletableFuture<FileScan> result,
                        AtomicInteger reserved) {
    }

    private FileScan scanGuarded(Task task, ManifestFileScanner scanner, InFlightBytes budget) {
        try {
            long size = sizeOnDisk(task.input());
            if (size <= limits.maxFileChars()) { // a larger file is refused by its size, unread
                task.reserved().set(budget.reserve(size));
            }
            return scanOne(task.input(), size, scanner, task.progress());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(task.input(), "scan interrupted");
        } catch (RuntimeException | StackOverflowError e) {
            return failed(task.input(), "internal error while scanning: " + e);
        } catch (OutOfMemoryError e) {
            // the file's text and tree are unreachable again once this returns: the scan can go on
            return new FileScan(task.input().displayPath(), List.of(), List.of(ScanProblem.inFile(
                    task.input().displayPath(), ScanProblem.Type.LIMIT, "not enough memory to scan this file with "
                            + "the heap of " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB; give Java "
                            + "more (JAVA_OPTS=-Xmx1g) or split the file")), Map.of(), 0);
        } finally {
            budget.release(task.reserved().getAndSet(0));
        }
    }

    /**
     * Waits for {@code task}'s result. While waiting, gives up on every task whose rule has run longer than the
     * limit: its result becomes a problem, and the pool gets one more worker in place of the one left behind.
     */
    private FileScan awaitWatching(Task task, List<Task> tasks, ThreadPoolExecutor pool, InFlightBytes budget) {
        Duration poll = ruleTimeout.poll();
        while (true) {
            try {
                return task.result().get(poll.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                for (Task t : tasks) {
                    if (t.result().isDone()) {
                        continue;
                    }
                    Optional<RuleProgress.Overrun> overrun = t.progress().overrun(ruleTimeout.limit());
                    if (overrun.isPresent() && t.result().complete(overran(t.input(), overrun.get()))) {
                        // the files waiting for room must not wait for a worker that may never finish
                        budget.release(t.reserved().getAndSet(0));
                        pool.setMaximumPoolSize(pool.getMaximumPoolSize() + 1);
                        pool.setCorePoolSize(pool.getCorePoolSize() + 1);
                    }
                }
            } catch (ExecutionException e) {
                return failed(task.input(), "internal error while scanning: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(task.input(), "scan interrupted");
            }
        }
    }

    private FileScan overran(ManifestInput input, RuleProgress.Overrun overrun) {
        String message = ruleTimeout.describe(overrun)
                + "; this file's findings are left out and the scan went on without it";
        return new FileScan(input.displayPath(), List.of(), List.of(new ScanProblem(input.displayPath(), null, null,
                ScanProblem.Type.RULE_ERROR, message, overrun.ruleId())), Map.of(), 0);
    }


    private FileScan scanOne(ManifestInput input, long size, ManifestFileScanner scanner, RuleProgress progress) {
        if (size > limits.maxFileChars()) {
            return tooLarge(input, size);
        }
        ContentLoader.Content content;
        try {
            content = loader.read(input);
        } catch (IOException | RuntimeException e) {
            return failed(input, "cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        byte[] bytes = content.bytes();
        int n = content.length();
        if (n > limits.maxFileChars()) {
            return tooLarge(input, n);
        }
        long selection = keywordFilter.isPresent() ? keywordFilter.get().select(bytes, n) : RuleSelection.ALL;
        if (selection == RuleSelection.NONE) {
            return FileScan.notParsed(input.displayPath());
        }
        // the loader may reuse its buffer for the thread's next file: a parsed file gets bytes of its own (an array
        // the loader made for this file alone, exactly full, is used as it is)
        byte[] own = n == bytes.length ? bytes : Arrays.copyOf(bytes, n);
        return scanner.scanBytes(input.displayPath(), input.isJson(), own, progress, selection);
    }

    /**
     * The size of a file on disk (as the walk saw it, else asked now), checked before reading so a huge file is
     * never loaded; -1 if unknown.
     */
    private static long sizeOnDisk(ManifestInput input) {
        if (input.isStdin()) {
            return -1;
        }
        if (input.size() >= 0) {
            return input.size();
        }
        try {
            return Files.size(input.path());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private FileScan tooLarge(ManifestInput input, long size) {
        String message = input.isStdin()
                ? "stdin holds more than the limit of " + limits.maxFileChars() + " bytes; not scanned"
                : "file is " + size + " bytes, larger than the limit of " + limits.maxFileChars() + "; not scanned";
        return new FileScan(input.displayPath(), List.of(),
                List.of(ScanProblem.inFile(input.displayPath(), ScanProblem.Type.LIMIT, message)), Map.of(), 0);
    }

    private static FileScan failed(ManifestInput input, String message) {
        return new FileScan(input.displayPath(), List.of(),
                List.of(ScanProblem.inFile(input.displayPath(), ScanProblem.Type.IO, message)), Map.of(), 0);
    }
}
