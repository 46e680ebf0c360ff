package dev.shimscan.core.source.cluster;

import java.time.Duration;

/** Waits between retries; tests record the waits instead. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
