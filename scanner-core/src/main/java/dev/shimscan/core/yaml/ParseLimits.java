package dev.shimscan.core.yaml;

/**
 * Explicit parser limits, so that hostile input ends in a problem entry rather than a hang or an
 * OutOfMemoryError. Defaults ({@link #DEFAULT}): depth 500, alias expansion 100,000 nodes, file 64 MiB.
 *
 * @param maxDepth          deepest nesting of mappings and sequences in one document (default 500); deeper
 *                          ends that document with a {@code limit} problem
 * @param maxAliasExpansion nodes that alias expansion may copy in one file (default 100,000; guards "billion
 *                          laughs"); more ends the document with a {@code limit} problem
 * @param maxFileChars      largest file that is parsed at all (default 64 MiB): a file on disk is refused by its
 *                          size before it is read, stdin after reading; either is a {@code limit} problem
 */
public record ParseLimits(int maxDepth, int maxAliasExpansion, int maxFileChars) {
    public static final ParseLimits DEFAULT = new ParseLimits(500, 100_000, 64 * 1024 * 1024);
}
