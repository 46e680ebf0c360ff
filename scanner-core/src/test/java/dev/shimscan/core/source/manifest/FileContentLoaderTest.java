package dev.shimscan.core.source.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileContentLoaderTest {
    @TempDir
    Path dir;

    private final FileContentLoader loader = new FileContentLoader(new ByteArrayInputStream("kind: Pod\n".getBytes()));

    private byte[] file(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Files.write(dir.resolve(name), bytes);
        return bytes;
    }

    private static byte[] contentOf(ContentLoader.Content content) {
        return Arrays.copyOf(content.bytes(), content.length());
    }

    @Test
    void filesOfEverySizeAreReadWholeOneAfterAnotherOnOneThread() throws IOException {
        for (int size : new int[] {0, 1, 10_000, 65_536, 65_537, 300_000, 5_000, FileContentLoader.REUSED_UP_TO - 1,
            FileContentLoader.REUSED_UP_TO, 3 * FileContentLoader.REUSED_UP_TO, 12}) {
            byte[] expected = file("f" + size + ".yaml", size);
            ManifestInput input = new ManifestInput("f.yaml", dir.resolve("f" + size + ".yaml"), size);
            assertThat(contentOf(loader.read(input))).as("%d bytes", size).isEqualTo(expected);
        }
    }

    @Test
    void aSmallFileReadsIntoTheThreadsBufferALargeOneIntoItsOwnArray() throws IOException {
        file("small.yaml", 1_000);
        byte[] large = file("large.yaml", FileContentLoader.REUSED_UP_TO);
        ContentLoader.Content first = loader.read(new ManifestInput("s", dir.resolve("small.yaml"), 1_000));
        ContentLoader.Content second = loader.read(new ManifestInput("s", dir.resolve("small.yaml"), 1_000));
        assertThat(second.bytes()).isSameAs(first.bytes()).hasSizeGreaterThan(1_000);
        ContentLoader.Content big = loader.read(new ManifestInput("l", dir.resolve("large.yaml"),
                FileContentLoader.REUSED_UP_TO));
        assertThat(big.bytes()).isNotSameAs(first.bytes()).isEqualTo(large);
    }

    @Test
    void aFileThatGrewSinceTheWalkIsReadWhole() throws IOException {
        byte[] grown = file("grown.yaml", FileContentLoader.REUSED_UP_TO + 10);
        ManifestInput seenSmall = new ManifestInput("g", dir.resolve("grown.yaml"), 100);
        assertThat(contentOf(loader.read(seenSmall))).isEqualTo(grown);
        byte[] mid = file("mid.yaml", 200_000);
        assertThat(contentOf(loader.read(new ManifestInput("m", dir.resolve("mid.yaml"), 10)))).isEqualTo(mid);
    }

    @Test
    void filesOfUnknownSizeAndStdinAreLoadedAsBefore() throws IOException {
        byte[] named = file("named.yaml", 2_000);
        assertThat(contentOf(loader.read(new ManifestInput("named.yaml", dir.resolve("named.yaml"))))).isEqualTo(named);
        assertThat(contentOf(loader.read(ManifestInput.stdin()))).isEqualTo("kind: Pod\n".getBytes());
    }
}
