package dev.shimscan.core.source.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

/** Reads the bytes of an input. A seam: tests replace it to simulate unreadable files (CI runs as root). */
@FunctionalInterface
public interface ContentLoader {
    byte[] load(ManifestInput input) throws IOException;

    /** Reads files from disk and {@code -} from the given stream. */
    static ContentLoader standard(InputStream stdin) {
        return input -> input.isStdin() ? stdin.readAllBytes() : Files.readAllBytes(input.path());
    }
}
