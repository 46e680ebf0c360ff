package dev.shimscan.rules.support.shell;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a range of a {@link SourceText} into the simple commands a POSIX shell (or bash) would run, and hands each
 * to {@link Analysis#inspect}. One pass, left to right, no backtracking: the lexer reads words with their quoting
 * ({@code '...'}, {@code "..."}, {@code $'...'}, backslashes, line continuations), here-document bodies after the
 * newline that ends their command, and comments; every {@code $(...)}, backquoted command and {@code <(...)} is
 * parsed on the spot by a nested parser (so its commands are inspected too, wherever the word stands).
 *
 * <p>The grammar is flattened: control operators end a command, reserved words in command position
 * ({@code if then else elif fi while until do done { } !}) are skipped, {@code for} headers, {@code case}
 * patterns, {@code [[ ... ]]} and {@code (( ... ))} are consumed without being taken for commands, and
 * {@code name() } function headers do not make {@code name} a command. Nothing here throws on bad input:
 * unterminated quotes, substitutions and here-documents run to the end of the range.
 */
final class ShellParser {
    private static final Set<String> SKIPPED_KEYWORDS =
            Set.of("if", "then", "else", "elif", "fi", "do", "done", "while", "until", "{", "}", "!");

    private enum Type { WORD, NEWLINE, SEPARATOR, AND_OR, PIPE, CASE_END, LPAREN, RPAREN, REDIRECT, EOF }

    private record Token(Type type, String op, int start, Word word) {
        boolean isWord(String keyword) {
            return type == Type.WORD && word.isBare(keyword);
        }
    }

    private final Analysis analysis;
    private final SourceText src;
    private final String s;
    private final int end;
    private final int textDepth;
    private final boolean stopAtParen;
    private int pos;
    private Token pushedBack;
    private final ArrayDeque<Heredoc> pendingHeredocs = new ArrayDeque<>();
    private final List<SimpleCommand> deferred = new ArrayList<>();

    ShellParser(Analysis analysis, SourceText src, int from, int to, int textDepth, boolean stopAtParen) {
        this.analysis = analysis;
        this.src = src;
        this.s = src.text();
        this.end = Math.min(to, s.length());
        this.textDepth = textDepth;
        this.stopAtParen = stopAtParen;
        this.pos = Math.max(0, from);
    }

    // ------------------------------------------------------------------------------------------------ parser

    /**
     * Parses to the end of the range, or (for a command substitution) to its closing parenthesis; returns the
     * index just after where parsing stopped.
     */
    int parse() {
        ArrayDeque<Boolean> caseInPatterns = new ArrayDeque<>();
        SimpleCommand cmd = newCommand(null);
        int parenDepth = 0;
        while (true) {
            Token t = next();
            if (!caseInPatterns.isEmpty() && caseInPatterns.peek()) {
                if (t.type == Type.EOF) {
                    break;
                }
                if (t.isWord("esac")) {
                    caseInPatterns.pop();
                } else if (t.type == Type.RPAREN) {
                    caseInPatterns.pop();
                    caseInPatterns.push(false);
                }
                continue;
            }
            switch (t.type) {
                case EOF -> {
                    finish(cmd);
                    flushDeferred();
                    return end;
                }
                case NEWLINE, SEPARATOR, AND_OR -> {
                    finish(cmd);
                    if (t.type == Type.NEWLINE) {
                        flushDeferred();
                    }
                    cmd = newCommand(null);
                }
                case PIPE -> {
                    finish(cmd);
                    cmd = newCommand(cmd.words.isEmpty() ? null : cmd);
                }
                case CASE_END -> {
                    finish(cmd);
                    cmd = newCommand(null);
                    if (!caseInPatterns.isEmpty()) {
                        caseInPatterns.pop();
                        caseInPatterns.push(true);
                    }
                }
                case LPAREN -> {
                    if (cmd.words.size() == 1 && cmd.redirects.isEmpty()) {
                        Token after = next();
                        if (after.type == Type.RPAREN) {   // name() { ...; }: a function definition
                            cmd = newCommand(null);
                            continue;
                        }
                        pushedBack = after;
                    }
                    if (cmd.isEmpty() && pos < end && s.charAt(pos) == '(' && t.start + 1 == pos) {
                        pos = arithmetic(t.start);   // (( arithmetic ))
                        continue;
                    }
                    finish(cmd);
                    cmd = newCommand(null);
                    parenDepth++;
                }
                case RPAREN -> {
                    finish(cmd);
                    cmd = newCommand(null);
                    if (parenDepth > 0) {
                        parenDepth--;
                    } else if (stopAtParen) {
                        flushDeferred();
                        return pos;
                    }
                }
                case REDIRECT -> redirect(t, cmd);
                case WORD -> {
                    if (cmd.words.isEmpty() && commandPosition(t, cmd, caseInPatterns)) {
                        continue;
                    }
                    cmd.addWord(t.word);
                }
                default -> throw new IllegalStateException("unhandled token " + t.type);
            }
        }
        flushDeferred();
        return end;
    }

    /** Handles a word in command position that is not a command word; returns true when it consumed it. */
    private boolean commandPosition(Token t, SimpleCommand cmd, ArrayDeque<Boolean> caseInPatterns) {
        Word w = t.word;
        if (isAssignment(w)) {
            return true;
        }
        if (w.quoted() || w.expanded()) {
            return false;
        }
        String v = w.value();
        if (SKIPPED_KEYWORDS.contains(v)) {
            return true;
        }
        switch (v) {
            case "for", "select" -> {
                skipForHeader();
                return true;
            }
            case "case" -> {
                next();   // the subject word
                Token in = next();
                while (in.type == Type.NEWLINE) {
                    in = next();
                }
                if (in.isWord("in")) {
                    caseInPatterns.push(true);
                } else {
                    pushedBack = in;
                }
                return true;
            }
            case "esac" -> {
                if (!caseInPatterns.isEmpty()) {
                    caseInPatterns.pop();
                }
                return true;
            }
            case "function" -> {
                next();   // the name
                Token after = next();
                if (after.type == Type.LPAREN) {
                    Token close = next();
                    if (close.type != Type.RPAREN) {
                        pushedBack = close;
                    }
                } else {
                    pushedBack = after;
                }
                return true;
            }
            case "[[" -> {
                skipConditional();
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** {@code for name in words; do} or {@code for ((...)); do}: nothing before {@code do} is a command. */
    private void skipForHeader() {
        Token t = next();
        if (t.type == Type.LPAREN && pos < end && s.charAt(pos) == '(') {
            pos = arithmetic(t.start);
            return;
        }
        while (t.type == Type.WORD || t.type == Type.REDIRECT) {
            if (t.isWord("do")) {
                return;
            }
            t = next();
        }
        if (t.type != Type.SEPARATOR && t.type != Type.NEWLINE) {
            pushedBack = t;
        }
    }

    /** {@code [[ ... ]]}: operators inside are operands, not control operators or redirections. */
    private void skipConditional() {
        while (true) {
            Token t = next();
            if (t.isWord("]]")) {
                return;
            }
            if (t.type == Type.NEWLINE || t.type == Type.EOF) {
                pushedBack = t;
                return;
            }
        }
    }

    private void redirect(Token op, SimpleCommand cmd) {
        Token target = next();
        Word word = null;
        if (target.type == Type.WORD) {
            word = target.word;
        } else {
            pushedBack = target;
        }
        Heredoc heredoc = null;
        if (word != null && (op.op.equals("<<") || op.op.equals("<<-"))) {
            heredoc = new Heredoc(word.value(), op.op.equals("<<-"), word.quoted());
            pendingHeredocs.add(heredoc);
        }
        cmd.redirects.add(new Redirect(op.op, op.start, word, heredoc));
    }

    private SimpleCommand newCommand(SimpleCommand pipedFrom) {
        SimpleCommand c = new SimpleCommand(src, textDepth);
        c.pipedFrom = pipedFrom;
        return c;
    }

    /** A command is inspected once the here-documents of its line have been read. */
    private void finish(SimpleCommand cmd) {
        if (cmd.isEmpty()) {
            return;
        }
        if (!pendingHeredocs.isEmpty()) {
            deferred.add(cmd);
            return;
        }
        flushDeferred();
        analysis.inspect(cmd);
    }

    private void flushDeferred() {
        if (deferred.isEmpty()) {
            return;
        }
        List<SimpleCommand> ready = new ArrayList<>(deferred);
        deferred.clear();
        for (SimpleCommand c : ready) {
            analysis.inspect(c);
        }
    }

    private static boolean isAssignment(Word w) {
        String text = w.src().text();
        int i = w.start();
        int n = text.length();
        if (i >= n || !isNameStart(text.charAt(i))) {
            return false;
        }
        i++;
        while (i < n && isNameChar(text.charAt(i))) {
            i++;
        }
        if (i < n && text.charAt(i) == '+') {
            i++;
        }
        return i < n && text.charAt(i) == '=';
    }

    // ------------------------------------------------------------------------------------------------- lexer

    private Token next() {
        if (pushedBack != null) {
            Token t = pushedBack;
            pushedBack = null;
            return t;
        }
        skipBlanksAndComments();
        if (pos >= end) {
            return new Token(Type.EOF, "", end, null);
        }
        int start = pos;
        char c = s.charAt(pos);
        char c1 = at(pos + 1);
        switch (c) {
            case '\n' -> {
                pos++;
                readHeredocBodies();
                return new Token(Type.NEWLINE, "\n", start, null);
            }
            case ';' -> {
                if (c1 == ';') {
                    pos += at(pos + 2) == '&' ? 3 : 2;
                    return new Token(Type.CASE_END, ";;", start, null);
                }
                if (c1 == '&') {
                    pos += 2;
                    return new Token(Type.CASE_END, ";&", start, null);
                }
                pos++;
                return new Token(Type.SEPARATOR, ";", start, null);
            }
            case '&' -> {
                if (c1 == '&') {
                    pos += 2;
                    return new Token(Type.AND_OR, "&&", start, null);
                }
                if (c1 == '>') {
                    boolean append = at(pos + 2) == '>';
                    pos += append ? 3 : 2;
                    return new Token(Type.REDIRECT, append ? "&>>" : "&>", start, null);
                }
                pos++;
                return new Token(Type.SEPARATOR, "&", start, null);
            }
            case '|' -> {
                if (c1 == '|') {
                    pos += 2;
                    return new Token(Type.AND_OR, "||", start, null);
                }
                pos += c1 == '&' ? 2 : 1;
                return new Token(Type.PIPE, "|", start, null);
            }
            case '(' -> {
                pos++;
                return new Token(Type.LPAREN, "(", start, null);
            }
            case ')' -> {
                pos++;
                return new Token(Type.RPAREN, ")", start, null);
            }
            case '<', '>' -> {
                if (c1 == '(') {
                    return processSubstitution();
                }
                return redirectOperator(start, start);
            }
            default -> {
                if (c >= '0' && c <= '9') {
                    int i = pos;
                    while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                        i++;
                    }
                    if (i < end && (s.charAt(i) == '<' || s.charAt(i) == '>') && at(i + 1) != '(') {
                        pos = i;
                        return redirectOperator(start, i);
                    }
                }
                Word w = scanWord();
                return new Token(Type.WORD, "", w.start(), w);
            }
        }
    }

    private Token redirectOperator(int start, int opStart) {
        pos = opStart;
        String[] ops = {"<<<", "<<-", "<<", "<>", "<&", ">>", ">|", ">&", "<", ">"};
        for (String op : ops) {
            if (s.startsWith(op, pos) && pos + op.length() <= end) {
                pos += op.length();
                return new Token(Type.REDIRECT, op, start, null);
            }
        }
        pos++;
        return new Token(Type.REDIRECT, String.valueOf(s.charAt(opStart)), start, null);
    }

    private Token processSubstitution() {
        int start = pos;
        WordBuilder wb = WordBuilder.keeping();
        pos = substitution(pos + 2);
        wb.expansion(s, start, pos);
        return new Token(Type.WORD, "", start, wb.build(src, start));
    }

    private void skipBlanksAndComments() {
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '\\' && at(pos + 1) == '\n') {
                pos += 2;
            } else if (c == '#') {
                pos = indexOf('\n', pos);
            } else {
                return;
            }
        }
    }

    private void readHeredocBodies() {
        while (!pendingHeredocs.isEmpty()) {
            Heredoc h = pendingHeredocs.poll();
            h.bodyStart = pos;
            h.bodyEnd = end;
            while (pos < end) {
                int lineStart = pos;
                int lineEnd = indexOf('\n', pos);
                int from = lineStart;
                if (h.stripTabs) {
                    while (from < lineEnd && s.charAt(from) == '\t') {
                        from++;
                    }
                }
                int to = lineEnd > from && s.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
                pos = Math.min(lineEnd + 1, end);
                if (to - from == h.delimiter.length() && s.startsWith(h.delimiter, from)) {
                    h.bodyEnd = lineStart;
                    break;
                }
            }
            if (!h.quoted && h.bodyStart < h.bodyEnd) {
                new ShellParser(analysis, src, h.bodyStart, h.bodyEnd, textDepth, false).scanExpansions();
            }
        }
    }

    /** In an unquoted here-document body, only {@code $...} and backquotes mean something: find the commands. */
    private void scanExpansions() {
        WordBuilder discard = WordBuilder.discarding();
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == '\\') {
                pos = Math.min(pos + 2, end);
            } else if (c == '$') {
                scanDollar(discard, true);
            } else if (c == '`') {
                scanBackquote(discard, false);
            } else {
                pos++;
            }
        }
    }

    private Word scanWord() {
        int start = pos;
        while (pos < end && isPlain(s.charAt(pos))) {
            pos++;
        }
        if (pos >= end || isWordEnd(s.charAt(pos)) && (s.charAt(pos) != '(' || !endsAssignmentName(start, pos))) {
            return new Word(src, s.substring(start, pos), null, start, false, false);
        }
        WordBuilder wb = WordBuilder.keeping();
        wb.raw(s, start, pos);
        while (pos < end) {
            char c = s.charAt(pos);
            switch (c) {
                case ' ', '\t', '\r', '\f', '\n', ';', '&', '|', '<', '>', ')' -> {
                    return wb.build(src, start);
                }
                case '(' -> {
                    if (!endsAssignmentName(start, pos)) {
                        return wb.build(src, start);
                    }
                    int from = pos;   // name=( array elements )
                    scanArray();
                    wb.expansion(s, from, pos);
                }
                case '\\' -> {
                    if (pos + 1 >= end) {
                        wb.add('\\', pos);
                        pos++;
                    } else if (s.charAt(pos + 1) == '\n') {
                        pos += 2;
                    } else {
                        wb.quoted = true;
                        wb.add(s.charAt(pos + 1), pos + 1);
                        pos += 2;
                    }
                }
                case '\'' -> {
                    wb.quoted = true;
                    scanSingleQuoted(wb);
                }
                case '"' -> {
                    wb.quoted = true;
                    pos++;
                    scanDoubleQuoted(wb);
                }
                case '$' -> scanDollar(wb, false);
                case '`' -> scanBackquote(wb, false);
                default -> {
                    wb.add(c, pos);
                    pos++;
                }
            }
        }
        return wb.build(src, start);
    }

    /** A character that stands for itself in an unquoted word. */
    private static boolean isPlain(char c) {
        return c > ' ' ? "\\'\"$`;&|<>()".indexOf(c) < 0 : false;
    }

    private static boolean isWordEnd(char c) {
        return " \t\r\f\n;&|<>()".indexOf(c) >= 0;
    }

    private boolean endsAssignmentName(int start, int at) {
        if (at - start < 2 || s.charAt(at - 1) != '=' || !isNameStart(s.charAt(start))) {
            return false;
        }
        int i = start + 1;
        while (i < at - 1 && isNameChar(s.charAt(i))) {
            i++;
        }
        if (i < at - 1 && s.charAt(i) == '+') {
            i++;
        }
        return i == at - 1;
    }

    private void scanArray() {
        WordBuilder discard = WordBuilder.discarding();
        int depth = 0;
        while (pos < end) {
            char c = s.charAt(pos);
            switch (c) {
                case '(' -> {
                    depth++;
                    pos++;
                }
                case ')' -> {
                    pos++;
                    if (--depth == 0) {
                        return;
                    }
                }
                case '\\' -> pos = Math.min(pos + 2, end);
                case '\'' -> scanSingleQuoted(discard);
                case '"' -> {
                    pos++;
                    scanDoubleQuoted(discard);
                }
                case '$' -> scanDollar(discard, false);
                case '`' -> scanBackquote(discard, false);
                default -> pos++;
            }
        }
    }

    /** At an opening {@code '}: the characters up to the closing one, as they are. */
    private void scanSingleQuoted(WordBuilder wb) {
        pos++;
        while (pos < end && s.charAt(pos) != '\'') {
            wb.add(s.charAt(pos), pos);
            pos++;
        }
        if (pos < end) {
            pos++;
        }
    }

    /** After an opening {@code "}: backslash escapes only {@code $ ` " \} and newline; expansions still happen. */
    private void scanDoubleQuoted(WordBuilder wb) {
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\' && pos + 1 < end) {
                char n = s.charAt(pos + 1);
                if (n == '\n') {
                    pos += 2;
                } else if (n == '$' || n == '`' || n == '"' || n == '\\') {
                    wb.add(n, pos + 1);
                    pos += 2;
                } else {
                    wb.add('\\', pos);
                    pos++;
                }
            } else if (c == '$') {
                scanDollar(wb, true);
            } else if (c == '`') {
                scanBackquote(wb, true);
            } else {
                wb.add(c, pos);
                pos++;
            }
        }
    }

    private void scanDollar(WordBuilder wb, boolean inDoubleQuotes) {
        int start = pos;
        char n = at(pos + 1);
        if (n == '(') {
            pos = at(pos + 2) == '(' ? arithmetic(pos + 1) : substitution(pos + 2);
            wb.expansion(s, start, pos);
        } else if (n == '{') {
            pos = braced(pos + 2);
            wb.expansion(s, start, pos);
        } else if (n == '\'' && !inDoubleQuotes) {
            wb.quoted = true;
            pos += 2;
            scanAnsiC(wb);
        } else if (n == '"' && !inDoubleQuotes) {
            wb.quoted = true;
            pos += 2;
            scanDoubleQuoted(wb);
        } else if (isNameStart(n)) {
            int i = pos + 2;
            while (i < end && isNameChar(s.charAt(i))) {
                i++;
            }
            wb.raw(s, start, i);
            wb.expanded = true;
            pos = i;
        } else if ((n >= '0' && n <= '9') || "@*#?$!-".indexOf(n) >= 0 && n != 0) {
            wb.raw(s, start, pos + 2);
            wb.expanded = true;
            pos += 2;
        } else {
            wb.add('$', pos);
            pos++;
        }
    }

    /** After {@code $'}: ANSI-C escapes; each produced character maps to its backslash. */
    private void scanAnsiC(WordBuilder wb) {
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == '\'') {
                pos++;
                return;
            }
            if (c != '\\' || pos + 1 >= end) {
                wb.add(c, pos);
                pos++;
                continue;
            }
            int escape = pos;
            char e = s.charAt(pos + 1);
            pos += 2;
            switch (e) {
                case 'n' -> wb.add('\n', escape);
                case 't' -> wb.add('\t', escape);
                case 'r' -> wb.add('\r', escape);
                case 'a' -> wb.add('\u0007', escape);
                case 'b' -> wb.add('\b', escape);
                case 'e', 'E' -> wb.add('\u001b', escape);
                case 'f' -> wb.add('\f', escape);
                case 'v' -> wb.add('\u000b', escape);
                case '\\', '\'', '"', '?' -> wb.add(e, escape);
                case 'x' -> wb.add((char) readNumber(16, 2), escape);
                case 'u' -> wb.add((char) readNumber(16, 4), escape);
                case 'U' -> wb.add((char) readNumber(16, 8), escape);
                case 'c' -> {
                    if (pos < end) {
                        wb.add((char) (s.charAt(pos) & 0x1f), escape);
                        pos++;
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        pos--;
                        wb.add((char) readNumber(8, 3), escape);
                    } else {
                        wb.add('\\', escape);
                        wb.add(e, escape + 1);
                    }
                }
            }
        }
    }

    private int readNumber(int radix, int maxDigits) {
        int value = 0;
        int digits = 0;
        while (digits < maxDigits && pos < end && Character.digit(s.charAt(pos), radix) >= 0) {
            value = value * radix + Character.digit(s.charAt(pos), radix);
            pos++;
            digits++;
        }
        return value & 0xffff;
    }

    /** At a backquote: the command up to the closing backquote, with {@code \$ \` \\} (and {@code \"}) unescaped. */
    private void scanBackquote(WordBuilder wb, boolean inDoubleQuotes) {
        int start = pos;
        WordBuilder body = WordBuilder.keeping();
        int i = pos + 1;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < end) {
                char n = s.charAt(i + 1);
                if (n == '$' || n == '`' || n == '\\' || (inDoubleQuotes && n == '"')) {
                    body.add(n, i + 1);
                    i += 2;
                    continue;
                }
            }
            if (c == '`') {
                break;
            }
            body.add(c, i);
            i++;
        }
        pos = i < end ? i + 1 : end;
        if (body.length() > 0) {
            analysis.parseScript(body.asText(src), textDepth);
        }
        wb.expansion(s, start, pos);
    }

    /** From just after {@code $(}: parses the command substitution; returns the index after its {@code )}. */
    private int substitution(int from) {
        if (!analysis.enter()) {
            return skipBalanced(from - 1, '(', ')');
        }
        try {
            return new ShellParser(analysis, src, from, end, textDepth, true).parse();
        } finally {
            analysis.leave();
        }
    }

    /** From just after {@code ${}: the parameter expansion, with any commands inside it; returns the index after {@code }}. */
    private int braced(int from) {
        if (!analysis.enter()) {
            return skipBalanced(from - 1, '{', '}');
        }
        try {
            WordBuilder discard = WordBuilder.discarding();
            pos = from;
            while (pos < end) {
                char c = s.charAt(pos);
                switch (c) {
                    case '}' -> {
                        return pos + 1;
                    }
                    case '\\' -> pos = Math.min(pos + 2, end);
                    case '\'' -> scanSingleQuoted(discard);
                    case '"' -> {
                        pos++;
                        scanDoubleQuoted(discard);
                    }
                    case '$' -> scanDollar(discard, false);
                    case '`' -> scanBackquote(discard, false);
                    default -> pos++;
                }
            }
            return end;
        } finally {
            analysis.leave();
        }
    }

    /**
     * From the first {@code (} of {@code ((...))} or {@code $((...))}: the arithmetic expression, with any command
     * substitution inside it; returns the index after the closing parentheses.
     */
    private int arithmetic(int openIndex) {
        if (!analysis.enter()) {
            return skipBalanced(openIndex, '(', ')');
        }
        try {
            WordBuilder discard = WordBuilder.discarding();
            int depth = 0;
            pos = openIndex;
            while (pos < end) {
                char c = s.charAt(pos);
                switch (c) {
                    case '(' -> {
                        depth++;
                        pos++;
                    }
                    case ')' -> {
                        pos++;
                        if (--depth == 0) {
                            return pos;
                        }
                    }
                    case '\\' -> pos = Math.min(pos + 2, end);
                    case '\'' -> scanSingleQuoted(discard);
                    case '"' -> {
                        pos++;
                        scanDoubleQuoted(discard);
                    }
                    case '$' -> scanDollar(discard, false);
                    case '`' -> scanBackquote(discard, false);
                    default -> pos++;
                }
            }
            return end;
        } finally {
            analysis.leave();
        }
    }

    /**
     * Iteratively skips a balanced {@code open ... close} group starting at {@code openIndex}, minding quotes and
     * backslashes but analysing nothing: the fallback when nesting is too deep. Returns the index after it.
     */
    private int skipBalanced(int openIndex, char open, char close) {
        int depth = 0;
        int i = openIndex;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '\'') {
                i = Math.min(indexOf('\'', i + 1) + 1, end);
                continue;
            }
            if (c == '"') {
                i++;
                while (i < end && s.charAt(i) != '"') {
                    i += s.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close && --depth <= 0) {
                return i + 1;
            }
            i++;
        }
        return end;
    }

    /** Index of {@code c} at or after {@code from} and before {@code end}; {@code end} when there is none. */
    private int indexOf(char c, int from) {
        for (int i = from; i < end; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return end;
    }

    private char at(int i) {
        return i < end ? s.charAt(i) : 0;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
