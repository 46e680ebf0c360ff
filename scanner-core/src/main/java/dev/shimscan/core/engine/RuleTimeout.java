package dev.shimscan.core.engine;

import java.time.Duration;

/**
 * How long one rule may run on one object before a scan gives up on what that rule was checking (a manifest file, a
 * cluster list, a node file) and goes on. The watchdogs of the three scans share it.
 *
 * @param limit positive
 */
public record RuleTimeout(Duration limit) {
    public static final RuleTimeout DEFAULT = new RuleTimeout(Duration.ofSeconds(30));

    private static final Duration MAX_POLL = Duration.ofSeconds(1);
    private static final Duration FOUR_POLLS = Duration.ofSeconds(4);

    public RuleTimeout {
        if (limit == null || limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the rule timeout must be positive: " + limit);
        }
    }

    /** How often a watchdog looks: a quarter of the limit, at most a second. */
    public Duration poll() {
        // a quarter of the limit without Duration.dividedBy, which computes in BigDecimal (asked once per file)
        return limit.compareTo(FOUR_POLLS) >= 0 ? MAX_POLL : Duration.ofNanos(limit.toNanos() / 4);
    }

    /** The limit as messages name it: {@code 30s}, {@code 300ms}. */
    public String text() {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + "s" : limit.toMillis() + "ms";
    }

    /** The start of a message about an overrun: {@code rule DS123 did not finish within 30s on Pod/ns/name}. */
    public String describe(RuleProgress.Overrun overrun) {
        return "rule " + overrun.ruleId() + " did not finish within " + text() + " on " + overrun.object();
    }
}
