package dev.shimscan.rules.support.shell;

/**
 * Text being parsed, with the offset of each of its characters in the original string handed to the analysis
 * ({@code origin == null} means the text is that original string). Nested texts ({@code sh -c} arguments,
 * backquoted commands) are derived with {@link #derive}, so every position maps back to the original string.
 *
 * @param element index of the argv element the original string is, or -1 for a script
 */
record SourceText(String text, int[] origin, int element) {

    static SourceText of(String text, int element) {
        return new SourceText(text, null, element);
    }

    int length() {
        return text.length();
    }

    /** Offset in the original string of this text's character {@code index}. */
    int originOf(int index) {
        if (origin == null) {
            return index;
        }
        if (origin.length == 0) {
            return 0;
        }
        if (index < origin.length) {
            return origin[Math.max(index, 0)];
        }
        return origin[origin.length - 1];
    }

    /** A new text {@code value} whose character {@code i} was this text's character {@code indices[i]}. */
    SourceText derive(String value, int[] indices) {
        int[] mapped = new int[value.length()];
        for (int i = 0; i < mapped.length; i++) {
            mapped[i] = originOf(indices[i]);
        }
        return new SourceText(value, mapped, element);
    }
}
