package dev.shimscan.core.source.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads one host file as text, never more than needed: the first {@link #SNIFF_BYTES} bytes decide whether it is
 * binary (a NUL byte), so a 50 MB executable costs one kilobyte; a text file larger than the limit is not read on.
 */
final class HostContent {
    static final int SNIFF_BYTES = 1024;

    /** What a file turned out to be. */
    sealed interface Content permits Text, Binary, TooLarge {
    }

    record Text(String text) implements Content {
    }

    record Binary() implements Content {
    }

    record TooLarge(long size) implements Content {
    }

    private HostContent() {
    }

    static Content read(HostFileReader reader, Path file, long size, int maxBytes) throws IOException {
        try (InputStream in = reader.open(file)) {
            byte[] head = in.readNBytes(SNIFF_BYTES);
            if (hasNul(head, 0, head.length)) {
                return new Binary();
            }
            if (size > maxBytes) {
                return new TooLarge(size);
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream(head.length + 4096);
            all.write(head);
            if (head.length == SNIFF_BYTES) {
                byte[] rest = in.readNBytes(maxBytes + 1 - head.length);
                all.write(rest);
            }
            byte[] bytes = all.toByteArray();
            if (bytes.length > maxBytes) {
                return new TooLarge(bytes.length);
            }
            if (hasNul(bytes, head.length, bytes.length)) {
                return new Binary();
            }
            int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB
                    && bytes[2] == (byte) 0xBF ? 3 : 0;
            return new Text(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
        }
    }

    private static boolean hasNul(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
