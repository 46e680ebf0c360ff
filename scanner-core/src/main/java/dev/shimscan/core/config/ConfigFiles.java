package dev.shimscan.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the {@code .shimscan.yaml} that applies to a scan: in the scan root or the nearest directory above it,
 * stopping at the repository root (the first directory upwards that holds {@code .git}) or the file system root.
 */
public final class ConfigFiles {
    private ConfigFiles() {
    }

    /** The configuration file for a scan of {@code start} (a directory, or a file: its directory is searched). */
    public static Optional<Path> find(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            dir = dir.getParent();
        }
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve(ShimscanConfig.FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
            if (Files.exists(d.resolve(".git"))) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
