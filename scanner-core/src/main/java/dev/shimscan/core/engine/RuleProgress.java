package dev.shimscan.core.engine;

import dev.shimscan.core.model.ObjectRef;
import java.time.Duration;
import java.util.Optional;

/**
 * Which rule a scan worker is running right now, on which object, and since when: what a watchdog needs to notice
 * a rule that does not finish. Written by the worker, read by the watchdog. Thread-safe.
 */
public final class RuleProgress {
    /** A rule that has been running on one object for longer than a limit. */
    public record Overrun(String ruleId, String object, Duration running) {
    }

    private record Current(String ruleId, ObjectRef object, long startedNanos) {
    }

    private volatile Current current;

    void started(String ruleId, ObjectRef object) {
        current = new Current(ruleId, object, System.nanoTime());
    }

    void finished() {
        current = null;
    }

    /** The rule running now, if it has been running for longer than {@code limit}. */
    public Optional<Overrun> overrun(Duration limit) {
        Current c = current;
        if (c == null) {
            return Optional.empty();
        }
        Duration running = Duration.ofNanos(System.nanoTime() - c.startedNanos());
        return running.compareTo(limit) > 0 ? Optional.of(new Overrun(c.ruleId(), c.object().display(), running))
                : Optional.empty();
    }
}
