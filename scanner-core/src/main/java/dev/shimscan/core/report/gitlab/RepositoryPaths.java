package dev.shimscan.core.report.gitlab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A report's file name as GitLab wants it in {@code location.path}: relative to the repository root, symlinks
 * resolved, forward slashes, no {@code ./} and no {@code ..}. Files outside the repository have no such path.
 */
final class RepositoryPaths {
    private final Path root;
    private final Path workingDirectory;

    RepositoryPaths(Path root, Path workingDirectory) {
        this.root = realOrNormal(root);
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    Optional<String> of(String reportFile) {
        Path file = realOrNormal(workingDirectory.resolve(reportFile));
        if (!file.startsWith(root) || file.equals(root)) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        for (Path segment : root.relativize(file)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(segment);
        }
        return Optional.of(sb.toString());
    }

    /** The path stdin stands for, as the user named it, cleaned the same way ({@code a/../b} is {@code b}). */
    static String clean(String path) {
        java.util.Deque<String> segments = new java.util.ArrayDeque<>();
        for (String seg : path.replace('\\', '/').split("/")) {
            if (seg.equals("..")) {
                segments.pollLast();
            } else if (!seg.isEmpty() && !seg.equals(".")) {
                segments.addLast(seg);
            }
        }
        return segments.isEmpty() ? "stdin.yaml" : String.join("/", segments);
    }

    private static Path realOrNormal(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            return abs;
        }
    }
}
