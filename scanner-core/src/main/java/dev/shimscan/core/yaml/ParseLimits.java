package dev.shimscan.core.yaml;

/**
 * Explicit parser limits, so that hostile input ends in a problem entry rather than a hang or an
 * OutOfMemoryError.
 *
 * @param maxDepth         deepest nesting of mappings and sequences in one document
 * @param maxAliasExpansion nodes that alias expansion may copy in one file (guards "billion laughs")
 * @param maxFileChars     largest file, in chars, that is parsed at all
 */
public record ParseLimits(int maxDepth, int maxAliasExpansion, int maxFileChars) {
    public static final ParseLimits DEFAULT = new ParseLimits(500, 100_000, 64 * 1024 * 1024);
}
