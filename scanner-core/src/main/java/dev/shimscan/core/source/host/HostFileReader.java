package dev.shimscan.core.source.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens a regular file of the scanned root for reading. A seam: tests replace it to simulate unreadable files (CI
 * runs as root, where permissions do not stop a read).
 */
@FunctionalInterface
public interface HostFileReader {
    InputStream open(Path file) throws IOException;

    /** Opens read-only, without following a symlink in the last component (the walk resolved links already). */
    static HostFileReader standard() {
        return file -> Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }
}
