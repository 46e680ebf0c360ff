package dev.shimscan.core.report.sarif;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How SARIF locations are made.
 *
 * @param repositoryRoot    the repository root that URIs are relative to (GitHub resolves them against it)
 * @param workingDirectory  the directory that relative report file names are relative to
 * @param stdinPath         the repository file that stdin ({@code -}) stands for, or null to leave stdin findings out
 * @param includeSuppressed write suppressed findings too (GitHub shows them as open alerts)
 * @param category          {@code automationDetails.id} category, or null (the upload action's input then wins)
 * @param notices           where to say what was left out (stderr in the CLI)
 * @param files             reads a file's text for the line hashes (a seam for tests)
 */
public record SarifOptions(Path repositoryRoot, Path workingDirectory, String stdinPath, boolean includeSuppressed,
                           String category, Consumer<String> notices, FileTexts files) {

    /** Reads a file's text, or nothing when it cannot be read. */
    @FunctionalInterface
    public interface FileTexts {
        Optional<String> read(Path file);

        static FileTexts fromDisk() {
            return file -> {
                try {
                    return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException | RuntimeException e) {
                    return Optional.empty();
                }
            };
        }
    }

    public static SarifOptions forRepository(Path root, Path workingDirectory, Consumer<String> notices) {
        return new SarifOptions(root, workingDirectory, null, false, null, notices, FileTexts.fromDisk());
    }

    public SarifOptions withStdinPath(String path) {
        return new SarifOptions(repositoryRoot, workingDirectory, path, includeSuppressed, category, notices, files);
    }

    public SarifOptions withSuppressed(boolean include) {
        return new SarifOptions(repositoryRoot, workingDirectory, stdinPath, include, category, notices, files);
    }

    public SarifOptions withCategory(String c) {
        return new SarifOptions(repositoryRoot, workingDirectory, stdinPath, includeSuppressed, c, notices, files);
    }

    /**
     * The repository root of {@code start}: the nearest directory upwards that holds {@code .git} (a directory,
     * or a file for worktrees and submodules), else {@code start} itself.
     */
    public static Path findRepositoryRoot(Path start) {
        Path abs = start.toAbsolutePath().normalize();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return abs;
    }
}
