package dev.shimscan.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RuleTimeoutTest {
    @Test
    void aWatchdogLooksEveryQuarterOfTheLimitAndAtLeastEverySecond() {
        assertThat(new RuleTimeout(Duration.ofMillis(2_000)).poll()).isEqualTo(Duration.ofMillis(500));
        assertThat(new RuleTimeout(Duration.ofMillis(3_999)).poll()).isEqualTo(Duration.ofNanos(999_750_000));
        assertThat(new RuleTimeout(Duration.ofSeconds(4)).poll()).isEqualTo(Duration.ofSeconds(1));
        assertThat(new RuleTimeout(Duration.ofSeconds(30)).poll()).isEqualTo(Duration.ofSeconds(1));
        assertThat(new RuleTimeout(Duration.ofNanos(7)).poll()).isEqualTo(Duration.ofNanos(1));
        assertThat(new RuleTimeout(Duration.ofSeconds(Long.MAX_VALUE)).poll()).isEqualTo(Duration.ofSeconds(1));
    }
}
