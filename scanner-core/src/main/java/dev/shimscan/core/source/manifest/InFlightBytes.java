package dev.shimscan.core.source.manifest;

import java.util.concurrent.Semaphore;

/**
 * A budget of bytes that the scan's workers may hold at once: a worker reserves a file's size before reading it
 * and gives it back once the file is scanned, so that two large files are never parsed side by side. Small files
 * (the usual case) never wait. Counted in KiB. Thread-safe.
 */
final class InFlightBytes {
    private final Semaphore kib;
    private final int total;

    InFlightBytes(long budgetBytes) {
        this.total = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetBytes / 1024));
        this.kib = new Semaphore(total, true);
    }

    /** Reserves room for {@code size} bytes (the whole budget when the size is unknown, -1); waits for it. */
    int reserve(long size) throws InterruptedException {
        int wanted = size < 0 ? total : (int) Math.min(total, size / 1024 + 1);
        kib.acquire(wanted);
        return wanted;
    }

    void release(int reserved) {
        kib.release(reserved);
    }
}
