package dev.shimscan.rules.support.shell;

/**
 * A shell word after quote removal.
 *
 * @param src      the text the word was read from
 * @param value    the word with quotes and escapes removed; expansions ({@code $VAR}, {@code $(...)}, backquotes)
 *                 are kept as written
 * @param at       for each character of {@code value}, its index in {@code src}; null when the word is written
 *                 plainly, character {@code i} then being at {@code start + i}
 * @param start    index in {@code src} of the word's first character (a quote, if it starts with one)
 * @param quoted   whether any part of the word was quoted or escaped
 * @param expanded whether the word holds an expansion, so its run-time value is unknown
 */
record Word(SourceText src, String value, int[] at, int start, boolean quoted, boolean expanded) {

    /** An argv element: exec'd as is, no quoting, no expansion. */
    static Word element(String value, int element) {
        return new Word(SourceText.of(value, element), value, null, 0, false, false);
    }

    /** Index in {@code src} of value character {@code i}. */
    int indexOf(int i) {
        return at == null ? start + i : at[i];
    }

    boolean literal() {
        return !expanded;
    }

    /** True for an unquoted literal word equal to {@code keyword}: how reserved words are recognised. */
    boolean isBare(String keyword) {
        return !quoted && !expanded && value.equals(keyword);
    }

    /** Offset of the word's first character in the original string. */
    int origin() {
        return src.originOf(start);
    }

    /** The word's value as a text of its own, for analysing it as a script. */
    SourceText asText() {
        return suffixText(0);
    }

    /** The value from character {@code from} on, as a text of its own ({@code -Sdocker ps} → {@code docker ps}). */
    SourceText suffixText(int from) {
        int[] indices = new int[value.length() - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = indexOf(from + i);
        }
        return src.derive(value.substring(from), indices);
    }
}
