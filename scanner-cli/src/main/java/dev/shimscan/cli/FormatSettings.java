package dev.shimscan.cli;

import dev.shimscan.core.model.Severity;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the formats that need more than the report are built from: where the repository is (SARIF and GitLab
 * paths), what stdin stands for, the SARIF category, whether suppressed findings go into files bound for code
 * hosts, a custom template (HTML or Markdown), the {@code --fail-on} threshold (JUnit failures), and where
 * notices go (stderr, never a report stream).
 */
record FormatSettings(Path repositoryRoot, Path workingDirectory, String stdinPath, String sarifCategory,
                      boolean includeSuppressed, Path template, Optional<Severity> failOn, Consumer<String> notices) {

    /** The settings of a run without any of the options: repository found from the working directory. */
    static FormatSettings defaults(Consumer<String> notices) {
        Path cwd = Path.of("").toAbsolutePath();
        return new FormatSettings(dev.shimscan.core.report.sarif.SarifOptions.findRepositoryRoot(cwd), cwd, null, null,
                false, null, Optional.of(Severity.ERROR), notices);
    }
}
