package dev.shimscan.core.source.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * The {@link ContentLoader} of real scans. A file the walk saw as smaller than {@link #REUSED_UP_TO} is read into a
 * buffer that its thread reuses for the next file, instead of into a new array per file: most files are only
 * searched for keywords and never parsed, and 20,000 files read through {@link Files#readAllBytes} allocated their
 * 214 MB again (docs/benchmarks.md). Larger files, files of unknown size and stdin get an array of their own, so a
 * buffer never holds more than {@code REUSED_UP_TO} after its file is done.
 */
final class FileContentLoader implements ContentLoader {
    static final int REUSED_UP_TO = 1 << 20;

    private final InputStream stdin;
    private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    FileContentLoader(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public byte[] load(ManifestInput input) throws IOException {
        return input.isStdin() ? ContentLoader.readStdin(stdin) : Files.readAllBytes(input.path());
    }

    @Override
    public Content read(ManifestInput input) throws IOException {
        if (input.isStdin() || input.size() < 0 || input.size() >= REUSED_UP_TO) {
            return ContentLoader.super.read(input);
        }
        byte[] buffer = buffers.get();
        try (FileChannel channel = FileChannel.open(input.path())) {
            int n = 0;
            while (true) {
                if (n == buffer.length) {
                    if (buffer.length >= REUSED_UP_TO) {
                        return ContentLoader.super.read(input); // it grew since the walk saw it
                    }
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                    buffers.set(buffer);
                }
                int read = channel.read(ByteBuffer.wrap(buffer, n, buffer.length - n));
                if (read < 0) {
                    return new Content(buffer, n);
                }
                n += read;
            }
        }
    }
}
