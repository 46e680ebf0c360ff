package dev.shimscan.rules.support.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * One simple command as the shell would run it: its words (assignments in front of it dropped), its
 * redirections, the command piping into it, the text it was read from and how deeply that text is nested in
 * {@code sh -c} strings.
 */
final class SimpleCommand {
    /** Words kept per command; beyond this the last word is overwritten so that the final argument survives. */
    static final int MAX_WORDS = 4096;

    final SourceText src;
    final int textDepth;
    final List<Word> words = new ArrayList<>();
    final List<Redirect> redirects = new ArrayList<>();
    SimpleCommand pipedFrom;

    SimpleCommand(SourceText src, int textDepth) {
        this.src = src;
        this.textDepth = textDepth;
    }

    static SimpleCommand ofArgv(List<String> argv) {
        SimpleCommand c = new SimpleCommand(null, 0);
        for (int i = 0; i < argv.size(); i++) {
            String element = argv.get(i);
            c.addWord(Word.element(element == null ? "" : element, i));
        }
        return c;
    }

    void addWord(Word w) {
        if (words.size() < MAX_WORDS) {
            words.add(w);
        } else {
            words.set(MAX_WORDS - 1, w);
        }
    }

    boolean isEmpty() {
        return words.isEmpty() && redirects.isEmpty();
    }
}
