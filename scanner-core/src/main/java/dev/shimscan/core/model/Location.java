package dev.shimscan.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Where a finding sits in a file: {@code file} as the user named it (relative to the scan root as given, or
 * {@code -} for stdin), 1-based {@code line} and {@code column} of the evidence, the end of the evidence on the
 * same line ({@code endColumn} exclusive, as SARIF counts), and the 0-based index of the YAML document.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"file", "line", "column", "endLine", "endColumn", "documentIndex"})
public record Location(String file, int line, int column, Integer endLine, Integer endColumn, Integer documentIndex) {
    public Location {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
        if (endLine != null && (endLine < line || endColumn == null || (endLine == line && endColumn < column))) {
            throw new IllegalArgumentException("end " + endLine + ":" + endColumn + " before start " + line + ":" + column);
        }
    }

    /** A point location without an end. */
    public Location(String file, int line, int column, Integer documentIndex) {
        this(file, line, column, null, null, documentIndex);
    }
}
