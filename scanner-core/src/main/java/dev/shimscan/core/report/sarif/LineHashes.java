package dev.shimscan.core.report.sarif;

import java.util.HashMap;
import java.util.Map;

/**
 * GitHub's {@code partialFingerprints.primaryLocationLineHash}, computed exactly as the codeql-action does
 * ({@code src/fingerprints.ts}): a rolling hash (multiplier 37, 64-bit wrap-around) over a window of 100
 * characters, skipping spaces and tabs, with CR and CRLF read as LF; each line's value is the hash of the
 * 100 kept characters from that line on, as unsigned hex, plus {@code :n} for its n-th occurrence in the file.
 */
public final class LineHashes {
    private static final int BLOCK_SIZE = 100;
    private static final long MOD = 37;
    private static final int EOF = 65535;
    private static final long FIRST_MOD = firstMod();

    private final int[] window = new int[BLOCK_SIZE];
    private final int[] lineNumbers = new int[BLOCK_SIZE];
    private final Map<String, Integer> hashCounts = new HashMap<>();
    private final Map<Integer, String> byLine = new HashMap<>();
    private long hash;
    private int index;
    private int lineNumber;
    private boolean lineStart = true;
    private boolean prevCr;

    private LineHashes() {
        java.util.Arrays.fill(lineNumbers, -1);
    }

    /** The hash of every line of {@code text}, by 1-based line number. */
    public static Map<Integer, String> of(CharSequence text) {
        LineHashes h = new LineHashes();
        for (int i = 0; i < text.length(); i++) {
            h.process(text.charAt(i));
        }
        h.process(EOF);
        for (int i = 0; i < BLOCK_SIZE; i++) {
            if (h.lineNumbers[h.index] != -1) {
                h.output();
            }
            h.update(0);
        }
        return h.byLine;
    }

    private void process(int c) {
        int current = c;
        if (current == ' ' || current == '\t' || (prevCr && current == '\n')) {
            prevCr = false;
            return;
        }
        if (current == '\r') {
            current = '\n';
            prevCr = true;
        } else {
            prevCr = false;
        }
        if (lineNumbers[index] != -1) {
            output();
        }
        if (lineStart) {
            lineStart = false;
            lineNumber++;
            lineNumbers[index] = lineNumber;
        }
        if (current == '\n') {
            lineStart = true;
        }
        update(current);
    }

    private void output() {
        String value = Long.toUnsignedString(hash, 16);
        int count = hashCounts.merge(value, 1, Integer::sum);
        byLine.put(lineNumbers[index], value + ":" + count);
        lineNumbers[index] = -1;
    }

    private void update(int current) {
        int begin = window[index];
        window[index] = current;
        hash = MOD * hash + current - FIRST_MOD * begin;
        index = (index + 1) % BLOCK_SIZE;
    }

    private static long firstMod() {
        long m = 1;
        for (int i = 0; i < BLOCK_SIZE; i++) {
            m *= MOD;
        }
        return m;
    }
}
