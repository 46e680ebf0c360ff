package dev.shimscan.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts the megabytes (10^6 bytes) a benchmark went through. JMH divides an OPERATIONS counter by the iteration's
 * time, so the secondary result {@code :megabytes} is MB/s (its unit reads "ops/s").
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Megabytes {
    private long bytes;

    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
    }

    public double megabytes() {
        return bytes / 1e6;
    }

    void add(long count) {
        bytes += count;
    }
}
