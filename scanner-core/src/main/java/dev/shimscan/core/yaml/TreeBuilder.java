package dev.shimscan.core.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Builds a Jackson tree from a token stream while recording, for every node, the span of its source text.
 * Resolves YAML anchors, aliases and merge keys ({@code <<}) itself, because Jackson returns an alias as the
 * plain string of its name; expansion is bounded by {@link ParseLimits#maxAliasExpansion()}.
 */
final class TreeBuilder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MERGE_KEY = "<<";

    private final JsonParser parser;
    private final YAMLParser yaml;
    private final SourceText source;
    private final int baseOffset;
    private final ParseLimits limits;
    private final List<ParseIssue> issues;
    private final Map<String, Anchor> anchors = new HashMap<>();
    private int aliasBudget;
    private PositionIndex index;

    private record Anchor(JsonNode node, LazyPath path, PositionIndex index) {
    }

    TreeBuilder(JsonParser parser, SourceText source, int baseOffset, ParseLimits limits, List<ParseIssue> issues) {
        this.parser = parser;
        this.yaml = parser instanceof YAMLParser y ? y : null;
        this.source = source;
        this.baseOffset = baseOffset;
        this.limits = limits;
        this.issues = issues;
        this.aliasBudget = limits.maxAliasExpansion();
    }

    /** Reads the value whose first token is the current token, indexing it into a fresh index. */
    JsonNode readDocument(PositionIndex documentIndex) throws IOException {
        this.index = documentIndex;
        return readValue(LazyPath.ROOT, 0);
    }

    private JsonNode readValue(LazyPath path, int depth) throws IOException {
        JsonToken t = parser.currentToken();
        int start = offset(parser.currentTokenLocation());
        String anchor = yaml == null ? null : yaml.getObjectId();
        JsonNode node;
        switch (t) {
            case START_OBJECT -> node = readObject(path, depth, start);
            case START_ARRAY -> node = readArray(path, depth, start);
            default -> {
                if (yaml != null && yaml.isCurrentAlias()) {
                    node = resolveAlias(parser.getText(), path, start);
                    return node;
                }
                node = scalar(t);
                index.put(path, new Span(start, offset(parser.currentLocation())));
            }
        }
        if (anchor != null) {
            anchors.put(anchor, new Anchor(node, path, index));
        }
        return node;
    }

    private JsonNode readObject(LazyPath path, int depth, int start) throws IOException {
        checkDepth(depth, start);
        if (yaml != null && source.text().startsWith("{{", start)) {
            issues.add(new ParseIssue(ParseIssue.Kind.TEMPLATE, source.lineOf(start), source.columnOf(start),
                    "'{{' opens a Go template expression, not a YAML mapping"));
        }
        ObjectNode obj = NODES.objectNode();
        List<LazyPath> merges = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyOffset = offset(parser.currentTokenLocation());
            parser.nextToken();
            LazyPath childPath = path.child(key);
            JsonNode value = readValue(childPath, depth + 1);
            if (MERGE_KEY.equals(key) && yaml != null && (value.isObject() || value.isArray())) {
                merges.add(childPath);
                obj.set(key, value);
                continue;
            }
            if (obj.has(key)) {
                issues.add(new ParseIssue(ParseIssue.Kind.DUPLICATE_KEY, source.lineOf(keyOffset),
                        source.columnOf(keyOffset), "duplicate key '" + key + "' (the last value is used)"));
            }
            obj.set(key, value);
        }
        index.put(path, new Span(start, offset(parser.currentLocation())));
        for (LazyPath mergePath : merges) {
            applyMerge(obj, path, mergePath);
        }
        return obj;
    }

    /** YAML merge keys: keys of the merged mapping(s) that the mapping does not set itself. */
    private void applyMerge(ObjectNode obj, LazyPath path, LazyPath mergePath) {
        JsonNode merged = obj.remove(MERGE_KEY);
        List<JsonNode> sources = new ArrayList<>();
        List<LazyPath> sourcePaths = new ArrayList<>();
        if (merged.isObject()) {
            sources.add(merged);
            sourcePaths.add(mergePath);
        } else {
            for (int i = 0; i < merged.size(); i++) {
                sources.add(merged.get(i));
                sourcePaths.add(mergePath.element(i));
            }
        }
        for (int s = 0; s < sources.size(); s++) {
            JsonNode src = sources.get(s);
            if (!src.isObject()) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = src.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!obj.has(e.getKey())) {
                    obj.set(e.getKey(), e.getValue());
                    copyPositions(e.getValue(), index, sourcePaths.get(s).child(e.getKey()), path.child(e.getKey()));
                }
            }
        }
    }

    private JsonNode readArray(LazyPath path, int depth, int start) throws IOException {
        checkDepth(depth, start);
        ArrayNode arr = NODES.arrayNode();
        int i = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == null) {
                throw new java.io.EOFException("unexpected end of input inside a sequence");
            }
            arr.add(readValue(path.element(i++), depth + 1));
        }
        index.put(path, new Span(start, offset(parser.currentLocation())));
        return arr;
    }

    private JsonNode resolveAlias(String name, LazyPath path, int start) {
        Anchor anchor = anchors.get(name);
        int end = start + 1 + name.length();
        index.put(path, new Span(start, end));
        if (anchor == null) {
            issues.add(new ParseIssue(ParseIssue.Kind.SYNTAX, source.lineOf(start), source.columnOf(start),
                    "alias *" + name + " refers to no anchor"));
            return NODES.nullNode();
        }
        int size = countNodes(anchor.node());
        aliasBudget -= size;
        if (aliasBudget < 0) {
            throw new LimitExceededException("YAML aliases expand to more than " + limits.maxAliasExpansion()
                    + " nodes (an alias bomb?); the rest of this document is not scanned", start);
        }
        JsonNode copy = anchor.node().deepCopy();
        if (copy.isContainerNode()) {
            copyPositions(copy, anchor.index(), anchor.path(), path);
            index.put(path, new Span(start, end));
        }
        return copy;
    }

    /** Gives the nodes under {@code toPath} the positions of the same nodes under {@code fromPath}. */
    private void copyPositions(JsonNode node, PositionIndex from, LazyPath fromPath, LazyPath toPath) {
        Span span = from.get(fromPath.toString());
        if (span != null) {
            index.put(toPath, span);
        }
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                copyPositions(node.get(k), from, fromPath.child(k), toPath.child(k));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                copyPositions(node.get(i), from, fromPath.element(i), toPath.element(i));
            }
        }
    }

    private static int countNodes(JsonNode node) {
        int n = 1;
        for (JsonNode child : node) {
            n += countNodes(child);
        }
        return n;
    }

    private void checkDepth(int depth, int offset) {
        if (depth >= limits.maxDepth()) {
            throw new LimitExceededException("nesting deeper than " + limits.maxDepth()
                    + " levels; the rest of this document is not scanned", offset);
        }
    }

    private JsonNode scalar(JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(t);
            default -> NODES.textNode(parser.getText());
        };
    }

    /** Keeps numbers as numbers when they are plain; anything exotic (YAML 1.1 octal, huge) stays text. */
    private JsonNode number(JsonToken t) throws IOException {
        String text = parser.getText();
        try {
            if (t == JsonToken.VALUE_NUMBER_INT && text.length() < 19 && text.matches("-?[0-9]+")) {
                return NODES.numberNode(Long.parseLong(text));
            }
        } catch (NumberFormatException ignored) {
            // falls through to text
        }
        return NODES.textNode(text);
    }

    private int offset(JsonLocation loc) {
        long raw = loc.getCharOffset();
        if (raw < 0) {
            return source.lineStart(Math.max(1, loc.getLineNr())) + Math.max(0, loc.getColumnNr() - 1);
        }
        return yaml != null ? source.charOffset(baseOffset, (int) raw) : baseOffset + (int) raw;
    }
}
