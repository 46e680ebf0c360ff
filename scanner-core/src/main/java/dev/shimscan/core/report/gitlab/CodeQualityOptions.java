package dev.shimscan.core.report.gitlab;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How GitLab Code Quality paths are made.
 *
 * @param repositoryRoot    the repository root that {@code location.path} is relative to
 * @param workingDirectory  the directory that relative report file names are relative to
 * @param stdinPath         the repository file that stdin ({@code -}) stands for, or null to leave stdin findings out
 * @param includeSuppressed write suppressed findings too
 * @param notices           where to say what was left out (stderr in the CLI)
 */
public record CodeQualityOptions(Path repositoryRoot, Path workingDirectory, String stdinPath,
                                 boolean includeSuppressed, Consumer<String> notices) {
}
