package dev.shimscan.cli;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.report.Report;
import java.util.Optional;

/**
 * The process exit codes: a small documented set, never a count. When several apply, {@link #FINDINGS} beats
 * {@link #INCOMPLETE}, which beats {@link #CLEAN}.
 */
public enum ExitCode {
    /** Nothing at or above {@code --fail-on}, and everything could be read. */
    CLEAN(0, "clean: nothing at or above --fail-on"),
    /** At least one finding at or above {@code --fail-on}. */
    FINDINGS(1, "findings at or above --fail-on (default: error)"),
    /** Bad option or argument, unknown rule, no readable input, report destination that does not exist. */
    USAGE(2, "usage error: bad option or -o path, unknown rule, nothing readable"),
    /** Something could not be read or checked (see {@code coverage.errors}); the report is still written. */
    INCOMPLETE(3, "scan incomplete: something could not be read (report still written)"),
    /** A bug, or a report that could not be written. */
    INTERNAL(4, "internal error, or the report could not be written");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /**
     * The exit code of a finished scan: findings that fail the run first (suppressed ones and those already in the
     * baseline never do), then gaps in coverage.
     */
    public static ExitCode of(Report report, Optional<Severity> failOn) {
        boolean failing = failOn.isPresent() && report.findings().stream()
                .filter(Finding::canFailRun)
                .map(Finding::severity)
                .anyMatch(s -> s.atLeast(failOn.get()));
        if (failing) {
            return FINDINGS;
        }
        return report.incomplete() ? INCOMPLETE : CLEAN;
    }
}
