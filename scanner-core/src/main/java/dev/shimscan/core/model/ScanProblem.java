package dev.shimscan.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;

/**
 * Something that could not be read or checked. It lands in the report's {@code coverage.errors}, and makes
 * the scan "incomplete" (exit code 3) unless findings already fail the run.
 *
 * @param type   what went wrong: {@link Type}
 * @param ruleId the rule that threw, for {@link Type#RULE_ERROR}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"file", "line", "column", "type", "message", "ruleId"})
public record ScanProblem(String file, Integer line, Integer column, Type type, String message, String ruleId) {

    public enum Type {
        /** The file or stream could not be read. */
        IO,
        /** The YAML or JSON is malformed. */
        PARSE,
        /** An unrendered Helm (Go) template. */
        HELM_TEMPLATE,
        /** A parser limit (aliases, nesting depth, size) was hit. */
        LIMIT,
        /** A rule threw on an object. */
        RULE_ERROR;

        @com.fasterxml.jackson.annotation.JsonValue
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public static final Comparator<ScanProblem> ORDER = Comparator
            .comparing((ScanProblem p) -> p.file() == null ? "" : p.file())
            .thenComparing(p -> p.line() == null ? 0 : p.line())
            .thenComparing(p -> p.column() == null ? 0 : p.column())
            .thenComparing(ScanProblem::message);

    public static ScanProblem inFile(String file, Type type, String message) {
        return new ScanProblem(file, null, null, type, message, null);
    }

    public static ScanProblem at(String file, int line, int column, Type type, String message) {
        return new ScanProblem(file, line, column, type, message, null);
    }
}
