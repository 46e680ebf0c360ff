package dev.shimscan.rules.support.shell;

/** A here-document: its delimiter, and once the lexer has read it, the body's range in the source text. */
final class Heredoc {
    final String delimiter;
    final boolean stripTabs;
    final boolean quoted;
    int bodyStart = -1;
    int bodyEnd = -1;

    Heredoc(String delimiter, boolean stripTabs, boolean quoted) {
        this.delimiter = delimiter;
        this.stripTabs = stripTabs;
        this.quoted = quoted;
    }

    boolean read() {
        return bodyStart >= 0;
    }
}
