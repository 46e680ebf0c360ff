package dev.shimscan.rules.logging;

import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.core.yaml.DocumentReader;
import dev.shimscan.core.yaml.ParseIssue;
import dev.shimscan.core.yaml.ParseLimits;
import dev.shimscan.core.yaml.ParsedDocument;
import dev.shimscan.core.yaml.ParsedFile;
import dev.shimscan.core.yaml.PositionIndex;
import dev.shimscan.core.yaml.SourceText;
import dev.shimscan.core.yaml.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A YAML (or JSON) file held in a string value, read with the scanner's own position-keeping reader, so that every
 * node of the embedded file knows its offset inside the value and a hit can be placed on its line.
 */
final class EmbeddedYaml {
    private static final DocumentReader READER = new DocumentReader(
            new ParseLimits(100, 10_000, ParseLimits.DEFAULT.maxFileChars()));

    private final NodeRef holder;
    private final String text;
    private final List<Doc> documents;

    /** One document of the embedded file. */
    record Doc(NodeRef root, PositionIndex positions) {
    }

    private EmbeddedYaml(NodeRef holder, String text, List<Doc> documents) {
        this.holder = holder;
        this.text = text;
        this.documents = documents;
    }

    /**
     * The documents of {@code text} (held by the scalar {@code holder}) when it reads as YAML whose documents are
     * mappings or sequences; empty for plain text, a syntax error or a lone scalar.
     */
    static Optional<EmbeddedYaml> read(NodeRef holder, String text) {
        ParsedFile parsed;
        try {
            parsed = READER.readYaml(new SourceText(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        boolean broken = parsed.issues().stream().anyMatch(i -> i.kind() != ParseIssue.Kind.DUPLICATE_KEY);
        List<Doc> docs = new ArrayList<>();
        for (ParsedDocument d : parsed.documents()) {
            if (d.root().isObject() || d.root().isArray()) {
                docs.add(new Doc(NodeRef.root(d.root()), d.positions()));
            }
        }
        if (broken || docs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EmbeddedYaml(holder, text, List.copyOf(docs)));
    }

    List<Doc> documents() {
        return documents;
    }

    String text() {
        return text;
    }

    /** The place of an embedded node: the holder's value, at the node's offset. */
    Place placeOf(Doc doc, NodeRef node) {
        Span span = doc.positions().spanOf(node.path());
        return new Place(holder, span.start(), Math.max(0, span.end() - span.start()));
    }

    /** The source text of an embedded node, as written (indentation, quotes and escapes included). */
    String sourceOf(Doc doc, NodeRef node) {
        Span span = doc.positions().spanOf(node.path());
        return text.substring(Math.min(span.start(), text.length()), Math.min(span.end(), text.length()));
    }
}
