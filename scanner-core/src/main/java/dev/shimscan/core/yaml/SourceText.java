package dev.shimscan.core.yaml;

import java.util.Arrays;

/**
 * The decoded text of one file, with a table of line starts so that any char offset becomes a 1-based
 * line and column. Line breaks are {@code \n}, {@code \r\n} and a lone {@code \r}, as in YAML. The table is built
 * on first use: most parsed files never need a position. Thread-safe.
 */
public final class SourceText {
    private final String text;
    private volatile int[] lineStarts;
    /** 1 when the text holds a supplementary character, 0 when not, -1 until asked. */
    private volatile int hasSupplementary = -1;

    public SourceText(String text) {
        this.text = text;
    }

    private int[] lineStarts() {
        int[] starts = lineStarts;
        if (starts == null) {
            starts = computeLineStarts(text);
            lineStarts = starts;
        }
        return starts;
    }

    private boolean hasSupplementary() {
        int has = hasSupplementary;
        if (has < 0) {
            has = text.codePointCount(0, text.length()) != text.length() ? 1 : 0;
            hasSupplementary = has;
        }
        return has == 1;
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    public int lineCount() {
        return lineStarts().length;
    }

    /** 1-based line of a char offset. */
    public int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts(), clamp(offset));
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** 1-based column (in UTF-16 code units, as SARIF counts by default) of a char offset. */
    public int columnOf(int offset) {
        int o = clamp(offset);
        return o - lineStarts()[lineOf(o) - 1] + 1;
    }

    /** Char offset of the start of a 1-based line. */
    public int lineStart(int line) {
        int[] starts = lineStarts();
        return starts[Math.max(0, Math.min(line, starts.length) - 1)];
    }

    /** Converts a code-point index counted from {@code base} (as the YAML parser reports) into a char offset. */
    public int charOffset(int base, int codePointIndex) {
        if (!hasSupplementary()) {
            return clamp(base + codePointIndex);
        }
        try {
            return text.offsetByCodePoints(base, codePointIndex);
        } catch (IndexOutOfBoundsException e) {
            return text.length();
        }
    }

    private int clamp(int offset) {
        return Math.max(0, Math.min(offset, text.length()));
    }

    private static int[] computeLineStarts(String s) {
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n'))) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }
}
