package dev.shimscan.core.source.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(3),
            Duration.ofSeconds(5));

    @Test
    void backsOffExponentiallyUpToTheCapAndStopsAfterTheLastAttempt() {
        assertThat(policy.delayAfter(1, null, Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayAfter(2, null, Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(3, null, Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(4, null, Duration.ZERO)).isNull();
    }

    @Test
    void honoursRetryAfterCappedAndTheTotalBudget() {
        assertThat(policy.delayAfter(1, Duration.ofSeconds(2), Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(1, Duration.ofSeconds(60), Duration.ZERO)).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delayAfter(2, Duration.ofSeconds(2), Duration.ofSeconds(4))).isNull();
        assertThat(RetryPolicy.parseRetryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
        assertThat(RetryPolicy.parseRetryAfter(null)).isNull();
    }

    @Test
    void aTimedOutRequestIsTriedTwiceAtMost() {
        assertThat(policy.delayAfterTimeout(1, Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayAfterTimeout(2, Duration.ZERO)).isNull();
        RetryPolicy once = new RetryPolicy(1, Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(5));
        assertThat(once.delayAfterTimeout(1, Duration.ZERO)).isNull();
    }
}
