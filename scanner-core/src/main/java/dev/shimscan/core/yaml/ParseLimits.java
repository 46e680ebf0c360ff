package dev.shimscan.core.yaml;

/**
 * Explicit parser limits, so that hostile input ends in a problem entry rather than a hang or an
 * OutOfMemoryError. Defaults ({@link #DEFAULT}): depth 500, alias expansion 100,000 nodes, file 64 MiB or
 * 1/100 of the maximum heap, whichever is less (2.5 MiB at {@code -Xmx256m}, 64 MiB from 6.4 GiB of heap): a
 * document's tree, the positions of its nodes and the rules' work on it took up to 60 times its text (a 3.9 MB
 * pod list peaked at 235 MB of heap), and only one file near the limit is parsed at a time.
 *
 * @param maxDepth          deepest nesting of mappings and sequences in one document (default 500); deeper
 *                          ends that document with a {@code limit} problem
 * @param maxAliasExpansion nodes that alias expansion may copy in one file (default 100,000; guards "billion
 *                          laughs"); more ends the document with a {@code limit} problem
 * @param maxFileChars      largest file that is parsed at all (default 64 MiB, at most 1/100 of the heap):
 *                          a file on disk is refused by its size before it is read, stdin once that much was read
 *                          (the rest is read and dropped); either is a {@code limit} problem
 */
public record ParseLimits(int maxDepth, int maxAliasExpansion, int maxFileChars) {
    public static final ParseLimits DEFAULT = new ParseLimits(500, 100_000, defaultMaxFileChars(Runtime.getRuntime().maxMemory()));

    /** 64 MiB, or 1/100 of {@code maxHeap} when that is less (never below 1 MiB). */
    static int defaultMaxFileChars(long maxHeap) {
        long share = Math.max(1L << 20, maxHeap / 100);
        return (int) Math.min(64L * 1024 * 1024, share);
    }
}
