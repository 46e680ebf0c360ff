package dev.shimscan.core.source.manifest;

import dev.shimscan.core.yaml.ParseLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.nio.file.Files;

/** Reads the bytes of an input. A seam: tests replace it to simulate unreadable files (CI runs as root). */
@FunctionalInterface
public interface ContentLoader {
    byte[] load(ManifestInput input) throws IOException;

    /**
     * Reads files from disk and {@code -} from the given stream. Of stdin it keeps at most one byte more than the
     * default file limit and reads the rest without keeping it, so that a huge stream is refused, not held.
     */
    static ContentLoader standard(InputStream stdin) {
        return input -> input.isStdin() ? readAtMost(stdin, ParseLimits.DEFAULT.maxFileChars() + 1)
                : Files.readAllBytes(input.path());
    }

    /** The first {@code max} bytes of {@code in}; the rest is read to the end and dropped. */
    static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] kept = in.readNBytes(max);
        if (kept.length == max) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return kept;
    }
}
