package dev.shimscan.core.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads every document of a YAML or JSON text into trees with positions in the whole file. A syntax error
 * ends the document it is in; reading resumes at the next {@code ---} line, so one broken document does not
 * hide the others. YAML in the common subset that {@link CommonYamlReader} handles is read by it (several times
 * faster, the same result); everything else by SnakeYAML through Jackson's YAML parser. Thread-safe.
 */
public final class DocumentReader {
    private static final Pattern DOCUMENT_START = Pattern.compile("(?m)^---(?=[ \\t\\r\\n]|$)");

    private final ParseLimits limits;
    private final YAMLFactory yamlFactory;
    private final JsonFactory jsonFactory;

    public DocumentReader(ParseLimits limits) {
        this.limits = limits;
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(limits.maxFileChars());
        options.setNestingDepthLimit(limits.maxDepth() + 10);
        options.setAllowDuplicateKeys(true);
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth() + 10)
                .maxStringLength(limits.maxFileChars())
                .build();
        this.yamlFactory = YAMLFactory.builder().loaderOptions(options).streamReadConstraints(constraints).build();
        this.jsonFactory = JsonFactory.builder().streamReadConstraints(constraints).build();
    }

    public DocumentReader() {
        this(ParseLimits.DEFAULT);
    }

    /** Parses YAML (one or many documents). JSON is YAML too, but {@link #readJson} is faster and stricter. */
    public ParsedFile readYaml(SourceText source) {
        Optional<List<ParsedDocument>> common = CommonYamlReader.read(source, limits);
        if (common.isPresent()) {
            return new ParsedFile(source, List.copyOf(common.get()), List.of());
        }
        return readYamlWithSnakeYaml(source);
    }

    /** Parses YAML with SnakeYAML through Jackson, whatever it holds (what {@link CommonYamlReader} must agree with). */
    ParsedFile readYamlWithSnakeYaml(SourceText source) {
        List<ParsedDocument> documents = new ArrayList<>();
        List<ParseIssue> issues = new ArrayList<>();
        int base = 0;
        int documentIndex = 0;
        while (base >= 0) {
            Chunk chunk = readYamlFrom(source, base, documentIndex, documents, issues);
            documentIndex = chunk.nextDocumentIndex();
            base = chunk.resumeOffset();
        }
        return new ParsedFile(source, List.copyOf(documents), List.copyOf(issues));
    }

    /** Where reading stopped: -1 at the end of the text, else the offset of the next document to try. */
    private record Chunk(int resumeOffset, int nextDocumentIndex) {
    }

    private Chunk readYamlFrom(SourceText source, int base, int documentIndex, List<ParsedDocument> documents,
                               List<ParseIssue> issues) {
        String text = base == 0 ? source.text() : source.text().substring(base);
        int docIndex = documentIndex;
        try (JsonParser parser = yamlFactory.createParser(new StringReader(text))) {
            TreeBuilder builder = new TreeBuilder(parser, source, base, limits, issues);
            while (parser.nextToken() != null) {
                PositionIndex positions = new PositionIndex(source);
                JsonNode root = readOne(builder, parser, positions, source, base, issues);
                if (root == null) {
                    return new Chunk(nextDocumentStart(source, base, lastIssueOffset(source, issues)), docIndex + 1);
                }
                if (!root.isNull() && !isBlank(root)) {
                    documents.add(new ParsedDocument(docIndex, root, positions));
                }
                docIndex++;
            }
            return new Chunk(-1, docIndex);
        } catch (JsonProcessingException e) {
            recordSyntax(e, source, base, issues);
            return new Chunk(nextDocumentStart(source, base, lastIssueOffset(source, issues)), docIndex + 1);
        } catch (IOException | RuntimeException e) {
            issues.add(new ParseIssue(ParseIssue.Kind.SYNTAX, source.lineOf(base), 1, describe(e)));
            return new Chunk(-1, docIndex + 1);
        }
    }

    /** Reads one document; null when it broke (the issue is recorded). */
    private JsonNode readOne(TreeBuilder builder, JsonParser parser, PositionIndex positions, SourceText source,
                             int base, List<ParseIssue> issues) throws IOException {
        try {
            return builder.readDocument(positions);
        } catch (LimitExceededException e) {
            issues.add(new ParseIssue(ParseIssue.Kind.LIMIT, source.lineOf(e.offset()), source.columnOf(e.offset()),
                    e.getMessage()));
            return null;
        } catch (JsonProcessingException e) {
            recordSyntax(e, source, base, issues);
            return null;
        } catch (StackOverflowError e) {
            issues.add(new ParseIssue(ParseIssue.Kind.LIMIT, source.lineOf(base), 1, "nesting too deep to read"));
            return null;
        }
    }

    /** Parses a JSON file: a single value. */
    public ParsedFile readJson(SourceText source) {
        List<ParsedDocument> documents = new ArrayList<>();
        List<ParseIssue> issues = new ArrayList<>();
        try (JsonParser parser = jsonFactory.createParser(source.text())) {
            TreeBuilder builder = new TreeBuilder(parser, source, 0, limits, issues);
            int docIndex = 0;
            while (parser.nextToken() != null) {
                PositionIndex positions = new PositionIndex(source);
                JsonNode root = readOne(builder, parser, positions, source, 0, issues);
                if (root == null) {
                    break;
                }
                if (!root.isNull()) {
                    documents.add(new ParsedDocument(docIndex, root, positions));
                }
                docIndex++;
            }
        } catch (JsonProcessingException e) {
            recordSyntax(e, source, 0, issues);
        } catch (IOException | RuntimeException e) {
            issues.add(new ParseIssue(ParseIssue.Kind.SYNTAX, 1, 1, describe(e)));
        }
        return new ParsedFile(source, List.copyOf(documents), List.copyOf(issues));
    }

    private static boolean isBlank(JsonNode root) {
        return root.isTextual() && root.asText().isBlank();
    }

    private static void recordSyntax(JsonProcessingException e, SourceText source, int base, List<ParseIssue> issues) {
        JsonLocation loc = e.getLocation();
        int baseLine = source.lineOf(base);
        int line = loc == null || loc.getLineNr() < 1 ? baseLine : baseLine + loc.getLineNr() - 1;
        int column = loc == null || loc.getColumnNr() < 1 ? 1 : loc.getColumnNr();
        // SnakeYAML knows where the problem is (a tab, a bad character); Jackson's location is its last token,
        // which is better only when the problem is the end of the text (an unclosed bracket or quote)
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null
                && marked.getProblemMark().getIndex() < source.text().codePointCount(base, source.length())) {
            line = baseLine + marked.getProblemMark().getLine();
            column = marked.getProblemMark().getColumn() + 1;
        }
        line = Math.min(line, source.lineCount());
        issues.add(new ParseIssue(ParseIssue.Kind.SYNTAX, line, column, concise(e.getOriginalMessage())));
    }

    /**
     * The parser's message without the source excerpts SnakeYAML appends (indented lines and carets), on one
     * line: {@code while scanning a quoted scalar: found unexpected end of stream}.
     */
    static String concise(String message) {
        if (message == null || message.isBlank()) {
            return "malformed document";
        }
        List<String> parts = new ArrayList<>();
        for (String line : message.split("\\R")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                parts.add(line.strip());
            }
        }
        return parts.isEmpty() ? message.strip().replaceAll("\\s+", " ") : String.join(": ", parts);
    }

    private static int lastIssueOffset(SourceText source, List<ParseIssue> issues) {
        ParseIssue last = issues.get(issues.size() - 1);
        return source.lineStart(last.line());
    }

    /**
     * Offset of the first {@code ---} line from the line of {@code offset} on (the broken line may itself be the
     * next document's {@code ---}), always after {@code base} so reading moves on; -1 if there is none.
     */
    private static int nextDocumentStart(SourceText source, int base, int offset) {
        int from = Math.min(source.length(), Math.max(base + 1, source.lineStart(source.lineOf(offset))));
        Matcher m = DOCUMENT_START.matcher(source.text());
        return m.find(from) ? m.start() : -1;
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg.lines().findFirst().orElse(""));
    }
}
