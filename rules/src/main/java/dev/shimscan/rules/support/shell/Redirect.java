package dev.shimscan.rules.support.shell;

import java.util.Set;

/**
 * A redirection: operator without the file-descriptor number ({@code >}, {@code >>}, {@code <<}, {@code <<<}
 * ...), the index of the operator in the source text, the target word (null when missing) and, for
 * {@code <<} / {@code <<-}, the here-document.
 */
record Redirect(String op, int opIndex, Word target, Heredoc heredoc) {
    private static final Set<String> WRITES = Set.of(">", ">>", ">|", "&>", "&>>", "<>", ">&");

    boolean writes() {
        return WRITES.contains(op);
    }
}
