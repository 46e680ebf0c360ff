package dev.shimscan.core.yaml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps object paths of one YAML/JSON document (as built by {@link dev.shimscan.core.tree.ObjectPath}) to the
 * span of their value in the file, and resolves a node, or a piece of text inside a scalar, to a line and
 * column of the whole file.
 */
public final class PositionIndex {
    private final SourceText source;
    private final Map<String, Span> spans = new HashMap<>();
    /**
     * Positions recorded by the parser but not yet in {@link #spans}: paths ({@link LazyPath} or String) and
     * their spans, in the order they were put; moved over, in that order, the first time anything is looked up.
     */
    private final List<Object> pendingPaths = new ArrayList<>();
    private final List<Span> pendingSpans = new ArrayList<>();

    public PositionIndex(SourceText source) {
        this.source = source;
    }

    /**
     * The index of a text that is one value as a whole (a host file held as the {@code content} field of its
     * resource): the object root and the node at {@code path} both span the whole text, so the offset of a piece
     * of evidence in that value is its offset in the file, and a finding lands on the file's own line.
     */
    public static PositionIndex wholeText(SourceText source, String path) {
        PositionIndex index = new PositionIndex(source);
        Span all = new Span(0, source.length());
        index.put("", all);
        index.put(path, all);
        return index;
    }

    public SourceText source() {
        return source;
    }

    void put(String path, Span span) {
        pendingPaths.add(path);
        pendingSpans.add(span);
    }

    /** Records {@code span} for a path spelt out only when a position is first looked up. */
    void put(LazyPath path, Span span) {
        pendingPaths.add(path);
        pendingSpans.add(span);
    }

    Span get(String path) {
        return spans().get(path);
    }

    /** Number of indexed nodes. */
    public int size() {
        return spans().size();
    }

    private Map<String, Span> spans() {
        if (!pendingPaths.isEmpty()) {
            for (int i = 0; i < pendingPaths.size(); i++) {
                spans.put(pendingPaths.get(i).toString(), pendingSpans.get(i));
            }
            pendingPaths.clear();
            pendingSpans.clear();
        }
        return spans;
    }

    /**
     * The span of the node at {@code path}, or of its nearest indexed ancestor (the document root at worst).
     */
    public Span spanOf(String path) {
        Map<String, Span> spans = spans();
        String p = path;
        while (true) {
            Span s = spans.get(p);
            if (s != null || p.isEmpty()) {
                return s == null ? new Span(0, 0) : s;
            }
            p = parentOf(p);
        }
    }

    /**
     * The char offset of a finding: the {@code occurrence}-th (0-based) appearance of {@code evidence} inside
     * the node's source text when it is there (a line inside a block scalar), else the start of the node.
     */
    public int offsetOf(String path, String evidence, int occurrence) {
        return regionOf(path, evidence, occurrence).start();
    }

    /**
     * The region of a finding on one line: the evidence where it is found in the node's source text, else the
     * node from its start to its end or the end of its first line, whichever comes first.
     */
    public Span regionOf(String path, String evidence, int occurrence) {
        Span span = spanOf(path);
        if (evidence != null && !evidence.isEmpty() && span.end() > span.start()) {
            String text = source.text();
            int from = span.start();
            for (int seen = 0; ; seen++) {
                int at = text.indexOf(evidence, from);
                if (at < 0 || at + evidence.length() > span.end()) {
                    break;
                }
                if (seen == occurrence) {
                    return onOneLine(at, at + evidence.length());
                }
                from = at + 1;
            }
        }
        return onOneLine(span.start(), span.end());
    }

    private Span onOneLine(int start, int end) {
        int line = source.lineOf(start);
        int lineEnd = line < source.lineCount() ? source.lineStart(line + 1) : source.length();
        String text = source.text();
        while (lineEnd > start && (text.charAt(lineEnd - 1) == '\n' || text.charAt(lineEnd - 1) == '\r')) {
            lineEnd--;
        }
        int e = Math.max(start, Math.min(end, lineEnd));
        while (e > start && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return new Span(start, e);
    }

    static String parentOf(String path) {
        int end = path.length();
        if (path.endsWith("]")) {
            int open = lastBracketOpen(path);
            return open <= 0 ? "" : path.substring(0, open);
        }
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf(']');
        if (dot > bracket) {
            return path.substring(0, dot);
        }
        return bracket >= 0 ? path.substring(0, bracket + 1) : (end == 0 ? "" : "");
    }

    /** Index of the '[' that opens the last bracket segment, skipping brackets inside quoted keys. */
    private static int lastBracketOpen(String path) {
        boolean quoted = path.charAt(path.length() - 2) == '"';
        if (!quoted) {
            return path.lastIndexOf('[');
        }
        // walk back to the opening quote of ["..."], honouring backslash escapes
        for (int i = path.length() - 3; i >= 1; i--) {
            if (path.charAt(i) == '"' && path.charAt(i - 1) == '[' && !escaped(path, i)) {
                return i - 1;
            }
        }
        return path.lastIndexOf('[');
    }

    private static boolean escaped(String s, int quoteIndex) {
        int backslashes = 0;
        for (int i = quoteIndex - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
