package dev.shimscan.core.source.manifest;

import dev.shimscan.core.yaml.ParseLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Reads the bytes of an input. A seam: tests replace it to simulate unreadable files (CI runs as root). */
@FunctionalInterface
public interface ContentLoader {
    byte[] load(ManifestInput input) throws IOException;

    /**
     * The bytes of an input: the first {@link Content#length()} bytes of {@link Content#bytes()}, which may be a
     * buffer the loader reuses for the next input read on the same thread. By default, {@link #load}.
     */
    default Content read(ManifestInput input) throws IOException {
        byte[] bytes = load(input);
        return new Content(bytes, bytes.length);
    }

    /** What {@link #read} read: the first {@code length} bytes of {@code bytes}. */
    record Content(byte[] bytes, int length) {
    }

    /**
     * Reads files from disk (into a buffer per thread, see {@link FileContentLoader}) and {@code -} from the given
     * stream. Of stdin it keeps at most one byte more than the default file limit and reads the rest without keeping
     * it, so that a huge stream is refused, not held.
     */
    static ContentLoader standard(InputStream stdin) {
        return new FileContentLoader(stdin);
    }

    /** The first {@code max} bytes of {@code in}; the rest is read to the end and dropped. */
    static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] kept = in.readNBytes(max);
        if (kept.length == max) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return kept;
    }

    /** {@link #standard}'s stdin: at most one byte more than the default file limit. */
    static byte[] readStdin(InputStream stdin) throws IOException {
        return readAtMost(stdin, ParseLimits.DEFAULT.maxFileChars() + 1);
    }
}
