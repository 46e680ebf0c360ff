package dev.shimscan.core.source.cluster;

import java.time.Duration;

/**
 * How throttled (429) and failing (5xx, connection errors) requests are retried: exponential backoff from
 * {@code initialBackoff}, doubled each time up to {@code maxBackoff}; a {@code Retry-After} from the server is
 * honoured (capped at {@code maxBackoff}); at most {@code maxAttempts} tries and never more than
 * {@code maxTotalWait} of waiting for one request. A request that timed out is tried at most
 * {@value #TIMEOUT_ATTEMPTS} times: it already took the whole request timeout, and a server that hangs on one
 * resource type would otherwise hold a list worker for six timeouts.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotalWait) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(10),
            Duration.ofSeconds(60));

    /** Tries of a request that keeps timing out. */
    public static final int TIMEOUT_ATTEMPTS = 2;

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be 1 or more");
        }
    }

    /**
     * How long to wait before try {@code attempt + 1} after try {@code attempt} (1-based) failed, or null when
     * no further try is allowed.
     *
     * @param retryAfter the server's {@code Retry-After}, or null
     * @param waited     time already spent waiting for this request
     */
    public Duration delayAfter(int attempt, Duration retryAfter, Duration waited) {
        if (attempt >= maxAttempts) {
            return null;
        }
        Duration delay;
        if (retryAfter != null) {
            delay = retryAfter.compareTo(maxBackoff) > 0 ? maxBackoff : retryAfter;
        } else {
            long factor = 1L << Math.min(20, attempt - 1);
            delay = initialBackoff.multipliedBy(factor);
            if (delay.compareTo(maxBackoff) > 0) {
                delay = maxBackoff;
            }
        }
        if (waited.plus(delay).compareTo(maxTotalWait) > 0) {
            return null;
        }
        return delay;
    }

    /** Like {@link #delayAfter} for a try that timed out: null from the {@value #TIMEOUT_ATTEMPTS}th try on. */
    public Duration delayAfterTimeout(int attempt, Duration waited) {
        return attempt >= TIMEOUT_ATTEMPTS ? null : delayAfter(attempt, null, waited);
    }

    /** {@code Retry-After} in seconds (the form the API server sends); null when absent or not a number. */
    public static Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
