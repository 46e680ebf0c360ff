package dev.shimscan.rules.support.shell;

import dev.shimscan.rules.support.shell.ShellMatch.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The state of one analysis: the nesting budget shared by every recursive step (command substitutions,
 * backquotes, {@code ${...}}, nested {@code sh -c} strings), and the matches found so far, de-duplicated by
 * kind and position (a {@code $(...)} inside a double-quoted {@code sh -c} string is seen by the outer and the
 * inner parse).
 */
final class Analysis {
    /** Recursive steps allowed on the stack at once; deeper constructs are skipped without being analysed. */
    static final int MAX_NESTING = 64;
    /** How deeply {@code sh -c} / {@code eval} / here-document scripts may nest. */
    static final int MAX_TEXT_DEPTH = 16;

    private final CommandInspector inspector = new CommandInspector(this);
    private final Map<Key, Found> found = new LinkedHashMap<>();
    private int nesting;

    private record Key(Kind kind, int element, int offset) {
        // by hand rather than generated: see Keyword#equals in scanner-core (start-up cost of the generated ones)
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && kind == k.kind && element == k.element && offset == k.offset;
        }

        @Override
        public int hashCode() {
            return (kind.ordinal() * 31 + element) * 31 + offset;
        }
    }

    private record Found(Kind kind, String commandWord, String description, String detail, int element, int offset) {
    }

    boolean enter() {
        if (nesting >= MAX_NESTING) {
            return false;
        }
        nesting++;
        return true;
    }

    void leave() {
        nesting--;
    }

    /** Parses {@code src[from, to)} as a script and inspects every command in it. */
    void parseScript(SourceText src, int from, int to, int textDepth) {
        if (textDepth > MAX_TEXT_DEPTH || from >= to || !enter()) {
            return;
        }
        try {
            new ShellParser(this, src, from, to, textDepth, false).parse();
        } finally {
            leave();
        }
    }

    void parseScript(SourceText src, int textDepth) {
        parseScript(src, 0, src.length(), textDepth);
    }

    void inspect(SimpleCommand command) {
        if (enter()) {
            try {
                inspector.inspect(command);
            } finally {
                command.pipedFrom = null;   // only the next command of the pipeline needs this one; keep no chains
                leave();
            }
        }
    }

    void report(Kind kind, Word word, String description, String detail) {
        report(kind, word.src(), word.start(), word.value(), description, detail);
    }

    void report(Kind kind, SourceText src, int index, String commandWord, String description, String detail) {
        int offset = src.originOf(index);
        found.putIfAbsent(new Key(kind, src.element(), offset), new Found(kind, commandWord, description, detail, src.element(), offset));
    }

    /** The matches, ordered by element, offset and kind, with lines and columns counted in {@code original}. */
    List<ShellMatch> matches(IntFunction<String> original) {
        Map<Integer, int[]> lineStarts = new HashMap<>();
        List<ShellMatch> out = new ArrayList<>(found.size());
        for (Found f : found.values()) {
            int[] starts = lineStarts.computeIfAbsent(f.element, e -> lineStarts(original.apply(e)));
            int line = lineOf(starts, f.offset);
            out.add(new ShellMatch(f.kind, f.commandWord, f.description, f.detail, f.element, f.offset,
                    line, f.offset - starts[line]));
        }
        out.sort(Comparator.comparingInt(ShellMatch::element).thenComparingInt(ShellMatch::offset)
                .thenComparing(ShellMatch::kind));
        return out;
    }

    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    private static int lineOf(int[] starts, int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }
}
