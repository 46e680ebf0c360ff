package dev.shimscan.core.engine;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.resource.FileOrigin;
import dev.shimscan.core.resource.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link ResourceChecker} on a worker thread of its own and gives up on a resource whose rule has run for
 * longer than a limit: the resource's findings are left out, a {@code rule-error} problem names the rule and the
 * object, and the next resource is checked on a new worker (Java cannot stop the old one; it is a daemon thread).
 * For a caller that checks resources one after the other. Not thread-safe.
 */
public final class GuardedChecker implements AutoCloseable {
    /** What checking one resource gave. */
    public record Outcome(List<Finding> findings, List<ScanProblem> problems) {
    }

    private final ResourceChecker checker;
    private final RuleTimeout limit;
    private ExecutorService worker = newWorker();

    public GuardedChecker(ResourceChecker checker, RuleTimeout limit) {
        this.checker = checker;
        this.limit = limit;
    }

    public Outcome check(Resource resource) {
        List<Finding> findings = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        RuleProgress progress = new RuleProgress();
        Future<?> done = worker.submit(() -> checker.check(resource, findings, problems, progress));
        Duration poll = limit.poll();
        while (true) {
            try {
                done.get(poll.toNanos(), TimeUnit.NANOSECONDS);
                return new Outcome(findings, problems);
            } catch (TimeoutException e) {
                Optional<RuleProgress.Overrun> overrun = progress.overrun(limit.limit());
                if (overrun.isPresent()) {
                    worker.shutdownNow();
                    worker = newWorker();
                    return new Outcome(List.of(), List.of(overran(resource, overrun.get())));
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking " + resource.ref().display(), e);
            }
        }
    }

    private ScanProblem overran(Resource resource, RuleProgress.Overrun overrun) {
        String file = resource.origin() instanceof FileOrigin f ? f.file() : null;
        return new ScanProblem(file, null, null, ScanProblem.Type.RULE_ERROR,
                limit.describe(overrun) + "; its findings are left out", overrun.ruleId());
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "shimscan-check");
            t.setDaemon(true); // a rule that never returns must not keep the process alive
            return t;
        });
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
