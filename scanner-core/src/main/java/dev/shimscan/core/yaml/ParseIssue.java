package dev.shimscan.core.yaml;

/** A problem met while parsing one file; {@code line}/{@code column} are 1-based in the whole file. */
public record ParseIssue(Kind kind, int line, int column, String message) {
    public enum Kind {
        /** Malformed YAML or JSON. */
        SYNTAX,
        /** A {@link ParseLimits} limit was hit. */
        LIMIT,
        /** A key appears twice in one mapping. */
        DUPLICATE_KEY,
        /** Parsed, but shaped like a Go/Helm template ({@code {{ ... }}} read as a flow mapping). */
        TEMPLATE
    }
}
