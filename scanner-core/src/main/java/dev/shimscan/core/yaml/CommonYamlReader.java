package dev.shimscan.core.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the YAML that manifests are commonly written in straight into trees with positions, without SnakeYAML and
 * Jackson's YAML parser (which take most of a scan's time: docs/benchmarks.md). It gives up, and
 * {@link DocumentReader} reads the text the usual way, as soon as the text uses anything else, so that whatever it
 * returns is exactly what the usual way returns: the same documents, nodes, node types and spans (a test holds
 * the two against each other on every manifest the project has).
 *
 * <p>What it reads: documents separated by {@code ---} lines; block mappings with plain or single-line quoted
 * keys; block sequences, also indentless ones and compact ones ({@code - name: x}, {@code - - x}); single-line
 * plain scalars, typed as Jackson types them (null, YAML 1.1 booleans, integers, else text); single-line quoted
 * scalars with the common escapes; literal block scalars ({@code |}, {@code |-}, {@code |+}); flow sequences of
 * scalars on one line; {@code {}}; comments. It gives up on everything else: folded scalars, multi-line plain or
 * quoted scalars, anchors, aliases, tags, directives, flow mappings, complex keys, duplicate keys, tabs outside
 * block scalars and comments, carriage returns, non-ASCII text, and anything that is not valid YAML.
 */
final class CommonYamlReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Thrown where the text leaves what this reader handles; carries no stack trace. */
    private static final class Unsupported extends RuntimeException {
        private static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super(null, null, false, false);
        }
    }

    /**
     * The text's characters, one byte each (it is ASCII): indexing an array is much cheaper than String.charAt at
     * the JIT level the CLI runs, and a String's bytes are copied out faster than its chars.
     */
    private final byte[] text;
    /** The same text: its substrings are copies of its bytes, cheaper than new strings of chars. */
    private final String string;
    private final int n;
    private final int maxDepth;
    private PositionIndex index;

    private CommonYamlReader(String string, byte[] text, int maxDepth) {
        this.string = string;
        this.text = text;
        this.n = text.length;
        this.maxDepth = maxDepth;
    }

    /** The documents of {@code source} as {@link DocumentReader} reads them, or empty when this reader gives up. */
    static Optional<List<ParsedDocument>> read(SourceText source, ParseLimits limits) {
        if (source.length() > limits.maxFileChars()) {
            return Optional.empty();
        }
        byte[] text = source.text().getBytes(StandardCharsets.ISO_8859_1);
        if (!plainAscii(text, source.text())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CommonYamlReader(source.text(), text, limits.maxDepth()).documents(source));
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    /**
     * Printable ASCII, line feeds and tabs only, and no line that starts with a directive's {@code %} or a document
     * end marker's {@code ...}. {@code text} is {@code string}'s ISO-8859-1 bytes, where a character beyond it is a
     * {@code ?}: each {@code ?} is checked in the string.
     */
    private static boolean plainAscii(byte[] text, String string) {
        if (text.length != string.length()) {
            return false; // a surrogate pair became one byte
        }
        byte previous = '\n';
        for (int i = 0; i < text.length; i++) {
            byte c = text[i];
            if ((c < ' ' && c != '\n' && c != '\t') || c > '~'
                    || previous == '\n' && (c == '%' || c == '.' && i + 2 < text.length && text[i + 1] == '.'
                    && text[i + 2] == '.')
                    || c == '?' && string.charAt(i) != '?') {
                return false;
            }
            previous = c;
        }
        return true;
    }

    private static Unsupported unsupported() {
        return Unsupported.INSTANCE;
    }

    private List<ParsedDocument> documents(SourceText source) {
        List<ParsedDocument> documents = new ArrayList<>();
        int documentIndex = 0;
        int t = nextToken(0);
        while (t < n) {
            if (isDocumentStart(t)) {
                t = nextToken(endOfLine(t + 3));
                if (t >= n || isDocumentStart(t)) {
                    documentIndex++; // an empty document
                    continue;
                }
            }
            index = new PositionIndex(source);
            Parsed root = blockNode(t, -1, LazyPath.ROOT, 0);
            if (root.next < n && !isDocumentStart(root.next)) {
                throw unsupported();
            }
            if (!root.node.isNull() && !(root.node.isTextual() && root.node.asText().isBlank())) {
                documents.add(new ParsedDocument(documentIndex, root.node, index));
            }
            documentIndex++;
            t = root.next;
        }
        return documents;
    }

    /** A node read, and the offset of the token after it (the text's length at the end). */
    private record Parsed(JsonNode node, int next) {
    }

    // ---- the text

    private int lineStart(int offset) {
        int i = offset;
        while (i > 0 && text[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    private int column(int offset) {
        return offset - lineStart(offset);
    }

    private char at(int offset) {
        return offset < n ? (char) text[offset] : '\0';
    }

    private boolean blank(int offset) {
        char c = at(offset);
        return c == ' ' || c == '\n' || c == '\0';
    }

    /** {@code ---} at the start of a line, followed by a space, a line break or the end. */
    private boolean isDocumentStart(int offset) {
        return at(offset) == '-' && at(offset + 1) == '-' && at(offset + 2) == '-'
                && (offset == 0 || text[offset - 1] == '\n') && blank(offset + 3);
    }

    /** The offset after the rest of a line that may hold only spaces and a comment. */
    private int endOfLine(int offset) {
        int i = offset;
        while (i < n && text[i] == ' ') {
            i++;
        }
        if (i < n && text[i] == '#') {
            if (i == offset && i > 0 && text[i - 1] != '\n') {
                throw unsupported(); // a '#' that touches the value before it
            }
            while (i < n && text[i] != '\n') {
                i++;
            }
        }
        if (i < n && text[i] != '\n') {
            throw unsupported();
        }
        return i;
    }

    /** The offset of the next token: past spaces, line breaks and comments. */
    private int nextToken(int offset) {
        int i = offset;
        while (i < n) {
            char c = (char) text[i];
            if (c == ' ' || c == '\n') {
                i++;
            } else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n')) {
                while (i < n && text[i] != '\n') {
                    i++;
                }
            } else if (c == '\t') {
                throw unsupported();
            } else {
                return i;
            }
        }
        return n;
    }

    // ---- block nodes

    /** A node that starts a line's content at {@code t}, inside a block collection at column {@code parent}. */
    private Parsed blockNode(int t, int parent, LazyPath path, int depth) {
        if (depth >= maxDepth) {
            throw unsupported(); // the usual way reports the limit
        }
        if (isSequenceEntry(t)) {
            return sequence(t, column(t), false, path, depth);
        }
        if (keyEnd(t) >= 0) {
            return mapping(t, path, depth);
        }
        if (parent < 0) {
            throw unsupported(); // a document that is a scalar
        }
        return valueAndRestOfLine(t, parent, path, depth);
    }

    private boolean isSequenceEntry(int t) {
        return at(t) == '-' && blank(t + 1);
    }

    private Parsed mapping(int start, LazyPath path, int depth) {
        int indent = column(start);
        ObjectNode object = NODES.objectNode();
        int t = start;
        while (true) {
            int colon = keyEnd(t);
            if (colon < 0) {
                throw unsupported();
            }
            String key = keyText(t, colon);
            if (key.equals("<<") || object.has(key)) {
                throw unsupported(); // merge keys and duplicate keys: the usual way handles and reports them
            }
            LazyPath child = path.child(key);
            Parsed value = mappingValue(colon, indent, child, depth + 1);
            object.set(key, value.node);
            t = value.next;
            if (t >= n || isDocumentStart(t) || column(t) < indent) {
                break;
            }
            if (column(t) > indent || isSequenceEntry(t)) {
                throw unsupported();
            }
        }
        index.put(path, new Span(start, t));
        return new Parsed(object, t);
    }

    /** The value after the {@code :} at {@code colon} of a key at column {@code indent}. */
    private Parsed mappingValue(int colon, int indent, LazyPath path, int depth) {
        int p = colon + 1;
        while (p < n && text[p] == ' ') {
            p++;
        }
        if (p >= n || text[p] == '\n' || text[p] == '#') {
            int t = nextToken(endOfLine(p));
            if (t < n && !isDocumentStart(t)) {
                if (column(t) > indent) {
                    return blockNode(t, indent, path, depth);
                }
                if (column(t) == indent && isSequenceEntry(t)) {
                    return sequence(t, indent, true, path, depth);
                }
            }
            index.put(path, new Span(colon + 1, colon + 1));
            return new Parsed(NODES.textNode(""), t);
        }
        return valueAndRestOfLine(p, indent, path, depth);
    }

    private Parsed sequence(int start, int indent, boolean indentless, LazyPath path, int depth) {
        if (depth >= maxDepth) {
            throw unsupported();
        }
        ArrayNode array = NODES.arrayNode();
        int t = start;
        int i = 0;
        while (true) {
            int p = t + 1;
            while (p < n && text[p] == ' ') {
                p++;
            }
            if (p >= n || text[p] == '\n' || text[p] == '#') {
                throw unsupported(); // an entry whose value starts on a later line, or is empty
            }
            Parsed value = blockNode(p, indent, path.element(i++), depth + 1);
            array.add(value.node);
            t = value.next;
            if (t >= n || isDocumentStart(t) || column(t) < indent) {
                break;
            }
            if (column(t) > indent) {
                throw unsupported();
            }
            if (!isSequenceEntry(t)) {
                if (indentless) {
                    break; // the next key of the mapping that holds the sequence
                }
                throw unsupported();
            }
        }
        index.put(path, new Span(start, t));
        return new Parsed(array, t);
    }

    /**
     * A scalar, block scalar or flow collection at {@code p}, inside a block collection at column {@code parent}; the
     * rest of its line may hold only a comment, and the next token must not be more indented than the collection.
     */
    private Parsed valueAndRestOfLine(int p, int parent, LazyPath path, int depth) {
        char c = (char) text[p];
        if (c == '|') {
            return literal(p, parent, path);
        }
        int end;
        JsonNode node;
        if (c == '"' || c == '\'') {
            end = quoted(p, null);
            node = NODES.textNode(quotedText(p, end));
        } else if (c == '[') {
            if (depth >= maxDepth) {
                throw unsupported();
            }
            return restOfLine(flowSequence(p, path, depth), parent);
        } else if (c == '{') {
            if (at(p + 1) != '}') {
                throw unsupported(); // flow mappings, and {{ of a template, which the usual way reports
            }
            end = p + 2;
            node = NODES.objectNode();
        } else {
            if (!startsPlain(p, false)) {
                throw unsupported(); // an anchor, alias, tag, folded scalar, complex key or error
            }
            end = plainEnd(p, false);
            if (at(end) == ':') {
                throw unsupported(); // a mapping value inside a value: an error
            }
            node = typed(string.substring(p, end));
        }
        index.put(path, new Span(p, end));
        return restOfLine(new Parsed(node, end), parent);
    }

    private Parsed restOfLine(Parsed value, int parent) {
        int t = nextToken(endOfLine(value.next));
        if (t < n && !isDocumentStart(t) && column(t) > parent) {
            throw unsupported(); // a plain scalar going on on the next line, or an error
        }
        return new Parsed(value.node, t);
    }

    // ---- keys and scalars

    /** The offset of the {@code :} that ends a key starting at {@code t}, or -1 when no key starts there. */
    private int keyEnd(int t) {
        char c = at(t);
        int end;
        if (c == '"' || c == '\'') {
            end = quoted(t, null);
        } else if (startsPlain(t, false)) {
            end = plainEnd(t, false);
        } else {
            return -1;
        }
        return at(end) == ':' && blank(end + 1) ? end : -1;
    }

    private String keyText(int t, int colon) {
        char c = (char) text[t];
        if (c == '"' || c == '\'') {
            return quotedText(t, quoted(t, null));
        }
        return string.substring(t, colon);
    }

    /** Whether a plain scalar may start at {@code t}. */
    private boolean startsPlain(int t, boolean flow) {
        char c = at(t);
        if (c == '-') {
            return !blank(t + 1) && !(flow && at(t + 1) == ',');
        }
        return c > ' ' && c < 128 && !INDICATOR[c];
    }

    /** The characters that cannot start a plain scalar. */
    private static final boolean[] INDICATOR = new boolean[128];

    static {
        for (char c : "?:,[]{}#&*!|>'\"%@`".toCharArray()) {
            INDICATOR[c] = true;
        }
    }

    /**
     * The end of a single-line plain scalar starting at {@code t}: before a {@code :} followed by a blank, a
     * {@code #} after a space, the line break, or (in a flow) an indicator; trailing spaces are not part of it.
     */
    private int plainEnd(int t, boolean flow) {
        int i = t;
        int end = t;
        while (i < n) {
            char c = (char) text[i];
            if (c == '\n' || c == ':' && blank(i + 1) || c == '#' && text[i - 1] == ' ') {
                break;
            }
            if (c == '\t' || flow && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == ':' || c == '#'
                    || c == '?')) {
                if (flow && (c == ',' || c == ']')) {
                    break;
                }
                throw unsupported();
            }
            i++;
            if (c != ' ') {
                end = i;
            }
        }
        return end;
    }

    /** A plain scalar's node, typed as Jackson's YAML parser types it and {@link TreeBuilder} keeps it. */
    private static JsonNode typed(String s) {
        char first = s.charAt(0);
        if (first != '~' && first != '-' && (first < '0' || first > '9') && "nNtTyYoOfF".indexOf(first) < 0) {
            return NODES.textNode(s); // neither null, boolean nor integer
        }
        switch (s) {
            case "~", "null", "Null", "NULL":
                return NODES.nullNode();
            case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON":
                return NODES.booleanNode(true);
            case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF":
                return NODES.booleanNode(false);
            default:
                break;
        }
        int digits = s.startsWith("-") ? 1 : 0;
        if (s.length() == digits) {
            return NODES.textNode(s);
        }
        boolean octal = s.charAt(digits) == '0' && s.length() > digits + 1;
        for (int i = digits; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || octal && c > '7') {
                return NODES.textNode(s); // not an integer, or a leading 0 that is not octal
            }
        }
        return s.length() < 19 ? NODES.numberNode(Long.parseLong(s)) : NODES.textNode(s);
    }

    /**
     * Reads a quoted scalar that opens at {@code t} and closes on the same line, into {@code value} when not null;
     * returns the offset after its closing quote.
     */
    private int quoted(int t, StringBuilder value) {
        char quote = (char) text[t];
        int i = t + 1;
        while (i < n) {
            char c = (char) text[i];
            if (c == '\n' || c == '\t') {
                throw unsupported();
            }
            if (c == quote) {
                if (quote == '\'' && at(i + 1) == '\'') {
                    append(value, '\'');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (c == '\\' && quote == '"') {
                char e = at(i + 1);
                switch (e) {
                    case '\\', '"' -> append(value, e);
                    case 'n' -> append(value, '\n');
                    case 't' -> append(value, '\t');
                    case 'r' -> append(value, '\r');
                    default -> throw unsupported();
                }
                i += 2;
                continue;
            }
            append(value, c);
            i++;
        }
        throw unsupported();
    }

    /** The value of the quoted scalar from {@code t} to {@code end}: the text between the quotes unless it escapes. */
    private String quotedText(int t, int end) {
        byte quote = text[t];
        for (int i = t + 1; i < end - 1; i++) {
            if (text[i] == quote || quote == '"' && text[i] == '\\') {
                StringBuilder value = new StringBuilder(end - t);
                quoted(t, value);
                return value.toString();
            }
        }
        return string.substring(t + 1, end - 1);
    }

    private static void append(StringBuilder value, char c) {
        if (value != null) {
            value.append(c);
        }
    }

    /** A flow sequence of scalars on one line, {@code [a, "b", 3]}. */
    private Parsed flowSequence(int start, LazyPath path, int depth) {
        ArrayNode array = NODES.arrayNode();
        int i = skipSpaces(start + 1);
        int element = 0;
        if (at(i) != ']') {
            while (true) {
                LazyPath elementPath = path.element(element++);
                char c = at(i);
                int end;
                JsonNode node;
                if (c == '"' || c == '\'') {
                    end = quoted(i, null);
                    node = NODES.textNode(quotedText(i, end));
                } else if (startsPlain(i, true)) {
                    end = plainEnd(i, true);
                    node = typed(string.substring(i, end));
                } else {
                    throw unsupported();
                }
                index.put(elementPath, new Span(i, end));
                array.add(node);
                i = skipSpaces(end);
                if (at(i) == ']') {
                    break;
                }
                if (at(i) != ',') {
                    throw unsupported();
                }
                i = skipSpaces(i + 1);
                if (at(i) == ']') {
                    throw unsupported(); // a trailing comma
                }
            }
        }
        index.put(path, new Span(start, i + 1));
        return new Parsed(array, i + 1);
    }

    private int skipSpaces(int offset) {
        int i = offset;
        while (i < n && text[i] == ' ') {
            i++;
        }
        return i;
    }

    /**
     * A literal block scalar whose {@code |} is at {@code start}, inside a block collection at column
     * {@code parent}, read as SnakeYAML reads it: its indentation is that of its first line that is not blank, its
     * span ends after its last line break.
     */
    private Parsed literal(int start, int parent, LazyPath path) {
        int p = start + 1;
        char chomping = at(p) == '-' || at(p) == '+' ? (char) text[p++] : ' ';
        if (at(p) >= '0' && at(p) <= '9' || at(p) == '-' || at(p) == '+') {
            throw unsupported(); // an explicit indentation
        }
        if (at(p) != ' ' && at(p) != '\n' && p < n) {
            throw unsupported();
        }
        p = endOfLine(p);
        if (p >= n) {
            throw unsupported(); // nothing after the header
        }
        p++; // the header's line break
        // the indentation: the deepest column reached by the spaces of the blank lines before the first line of
        // text and of that line itself
        int indent = 0;
        int endMark = p;
        StringBuilder breaks = new StringBuilder();
        int i = p;
        int col = 0;
        while (i < n && (text[i] == ' ' || text[i] == '\n')) {
            if (text[i] == '\n') {
                breaks.append('\n');
                i++;
                col = 0;
                endMark = i;
            } else {
                i++;
                col++;
                indent = Math.max(indent, col);
            }
        }
        if (indent <= parent || i >= n || text[i] == '\t') {
            throw unsupported(); // an empty scalar, or text that is not indented enough
        }
        StringBuilder value = new StringBuilder();
        String lineBreak = "";
        while (col == indent && i < n) {
            value.append(breaks);
            int lineEnd = i;
            while (lineEnd < n && text[lineEnd] != '\n') {
                lineEnd++;
            }
            value.append(string, i, lineEnd);
            i = lineEnd;
            lineBreak = i < n ? "\n" : "";
            if (i < n) {
                i++;
            }
            // the breaks after it, and up to the indentation of the next line
            breaks.setLength(0);
            endMark = i;
            col = 0;
            while (col < indent && i < n && text[i] == ' ') {
                i++;
                col++;
            }
            while (i < n && text[i] == '\n') {
                breaks.append('\n');
                i++;
                endMark = i;
                col = 0;
                while (col < indent && i < n && text[i] == ' ') {
                    i++;
                    col++;
                }
            }
            if (col == indent && i < n) {
                value.append(lineBreak);
            }
        }
        if (chomping != '-') {
            value.append(lineBreak);
        }
        if (chomping == '+') {
            value.append(breaks);
        }
        index.put(path, new Span(start, endMark));
        int t = nextToken(endMark);
        if (t < n && !isDocumentStart(t) && column(t) > parent) {
            throw unsupported();
        }
        return new Parsed(NODES.textNode(value.toString()), t);
    }
}
