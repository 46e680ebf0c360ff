package dev.shimscan.rules.logging;

/**
 * The evidence text of a hit inside a (possibly multi-line) value: the line that holds the match, trimmed, so the
 * report shows {@code Parser docker} rather than one word; the matched text itself when the line is too long to be
 * read (a minified dashboard). The offset is where the returned text starts in the value, so the engine can find
 * the line of a block scalar it sits on.
 */
record Evidence(String text, int offset) {
    static final int MAX_LINE = 200;

    static Evidence at(String value, int offset, int length) {
        int at = Math.max(0, Math.min(offset, value.length()));
        int lineStart = value.lastIndexOf('\n', at - 1) + 1;
        int lineEnd = value.indexOf('\n', at);
        if (lineEnd < 0) {
            lineEnd = value.length();
        }
        int start = lineStart;
        while (start < lineEnd && Character.isWhitespace(value.charAt(start))) {
            start++;
        }
        int end = lineEnd;
        while (end > start && Character.isWhitespace(value.charAt(end - 1))) {
            end--;
        }
        if (end - start <= MAX_LINE && end > start) {
            return new Evidence(value.substring(start, end), start);
        }
        int matchEnd = Math.min(Math.min(value.length(), lineEnd), at + Math.max(1, Math.min(length, MAX_LINE)));
        if (matchEnd <= at) {
            return new Evidence(value, 0);
        }
        return new Evidence(value.substring(at, matchEnd), at);
    }
}
