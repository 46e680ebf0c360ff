package dev.shimscan.rules.support.shell;

import java.util.Arrays;

/** Accumulates a word's value and the source index of each of its characters; a discarding builder keeps nothing. */
final class WordBuilder {
    static final int MAX_EXPANSION = 4096;

    private final boolean discard;
    private final StringBuilder value = new StringBuilder();
    private int[] at = new int[16];
    boolean quoted;
    boolean expanded;

    private WordBuilder(boolean discard) {
        this.discard = discard;
    }

    static WordBuilder keeping() {
        return new WordBuilder(false);
    }

    static WordBuilder discarding() {
        return new WordBuilder(true);
    }

    void add(char c, int index) {
        if (discard) {
            return;
        }
        int n = value.length();
        if (n == at.length) {
            at = Arrays.copyOf(at, n * 2);
        }
        at[n] = index;
        value.append(c);
    }

    /**
     * Appends an expansion {@code s[from, to)} as written, or, when it is longer than {@link #MAX_EXPANSION}, only
     * its first two and its last character ({@code $(}...{@code )}): words nested in one another would otherwise
     * copy the same text once per level.
     */
    void expansion(String s, int from, int to) {
        expanded = true;
        if (to - from <= MAX_EXPANSION) {
            raw(s, from, to);
        } else {
            raw(s, from, from + 2);
            add(s.charAt(to - 1), to - 1);
        }
    }

    /** Appends {@code s[from, to)} as written. */
    void raw(String s, int from, int to) {
        if (discard) {
            return;
        }
        for (int i = from; i < to; i++) {
            add(s.charAt(i), i);
        }
    }

    int length() {
        return value.length();
    }

    Word build(SourceText src, int start) {
        return new Word(src, value.toString(), Arrays.copyOf(at, value.length()), start, quoted, expanded);
    }

    /** The collected characters as a text derived from {@code src} (for backquoted commands). */
    SourceText asText(SourceText src) {
        return src.derive(value.toString(), Arrays.copyOf(at, value.length()));
    }
}
