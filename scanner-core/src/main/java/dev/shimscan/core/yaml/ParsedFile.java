package dev.shimscan.core.yaml;

import java.util.List;

/** Everything read from one file: the documents that parsed, and what went wrong on the way. */
public record ParsedFile(SourceText source, List<ParsedDocument> documents, List<ParseIssue> issues) {
}
