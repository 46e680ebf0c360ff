package dev.shimscan.core.report.sarif;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns a report's file name into the URI GitHub code scanning wants: relative to the repository root, symlinks
 * resolved, forward slashes, no {@code ./} or {@code ..}, and percent-encoded as an RFC 3986 URI reference.
 */
final class RepositoryUris {
    private final Path root;
    private final Path workingDirectory;

    RepositoryUris(Path root, Path workingDirectory) {
        this.root = realOrNormal(root);
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    /** The file's absolute, real path, when it lies inside the repository. */
    Optional<Path> resolve(String reportFile) {
        Path file = realOrNormal(workingDirectory.resolve(reportFile));
        return file.startsWith(root) && !file.equals(root) ? Optional.of(file) : Optional.empty();
    }

    /** The repository-relative, encoded URI of a resolved file. */
    String uriOf(Path resolved) {
        StringBuilder sb = new StringBuilder();
        for (Path segment : root.relativize(resolved)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(encode(segment.toString()));
        }
        return sb.toString();
    }

    static String encode(String segment) {
        StringBuilder sb = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
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
