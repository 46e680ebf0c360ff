package dev.shimscan.core.source.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.yaml.ParseLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken files, each scanned through {@link ManifestScan} next to a good file: each ends in one
 * {@code coverage.errors} entry with a clear message, and the good file is still scanned (its finding is there).
 */
class HostileFilesTest {
    private static final String GOOD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: good}
            spec:
              volumes: [{name: s, hostPath: {path: /var/run/docker.sock}}]
            """;

    @TempDir
    Path dir;

    private ScanResult scan(ParseLimits limits, ContentLoader loader) throws IOException {
        if (!Files.exists(dir.resolve("good.yaml"))) {
            Files.writeString(dir.resolve("good.yaml"), GOOD);
        }
        return new ManifestScan(List.of(new ManifestFileScannerTest.AnyHostPath()), loader, 2, limits,
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).run(List.of(dir.toString()));
    }

    private ScanResult scan() throws IOException {
        return scan(ParseLimits.DEFAULT, ContentLoader.standard(InputStream.nullInputStream()));
    }

    /** The only problem of the scan, which is about {@code name}; the good file's finding is still reported. */
    private ScanProblem onlyProblem(ScanResult result, String name) {
        assertThat(result.findings()).extracting(Finding::ruleId, f -> f.location().file())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DS900", dir + "/good.yaml"));
        assertThat(result.problems()).hasSize(1);
        ScanProblem p = result.problems().get(0);
        assertThat(p.file()).isEqualTo(dir + "/" + name);
        return p;
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aliasBombIsALimit() throws IOException {
        StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }
        write("bomb.yaml", sb.toString());
        ScanProblem p = onlyProblem(scan(), "bomb.yaml");
        assertThat(p.type()).isEqualTo(ScanProblem.Type.LIMIT);
        assertThat(p.message()).contains("alias");
    }

    @Test
    void tenThousandDeepNestingIsALimit() throws IOException {
        write("deep.yaml", "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        ScanProblem p = onlyProblem(scan(), "deep.yaml");
        assertThat(p.type()).isEqualTo(ScanProblem.Type.LIMIT);
        assertThat(p.message()).isEqualTo("nesting deeper than 500 levels; the rest of this document is not scanned");
    }

    @Test
    void tenThousandDeepBlockNestingIsALimit() throws IOException {
        write("deepblock.yaml", "- ".repeat(10_000) + "x\n");
        ScanProblem p = onlyProblem(scan(), "deepblock.yaml");
        assertThat(p.type()).isEqualTo(ScanProblem.Type.LIMIT);
        assertThat(p.message()).isEqualTo("nesting deeper than 500 levels; the rest of this document is not scanned");
    }

    @Test
    void fileLargerThanTheSizeLimitIsNotParsed() throws IOException {
        write("big.yaml", "# " + "x".repeat(4_000) + "\n");
        ScanResult result = scan(new ParseLimits(500, 100_000, 1_000), ContentLoader.standard(InputStream.nullInputStream()));
        ScanProblem p = onlyProblem(result, "big.yaml");
        assertThat(p.type()).isEqualTo(ScanProblem.Type.LIMIT);
        assertThat(p.message()).isEqualTo("file is 4003 bytes, larger than the limit of 1000; not scanned");
    }

    @Test
    void binaryFileNamedYamlAndFileWithANulByte() throws IOException {
        Files.write(dir.resolve("image.yaml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0});
        ScanProblem p = onlyProblem(scan(), "image.yaml");
        assertThat(p.type()).isEqualTo(ScanProblem.Type.IO);
        assertThat(p.message()).isEqualTo("binary file (NUL byte at offset 8), not scanned");
    }

    @Test
    void invalidUtf8IsScannedWithReplacementAndAWarning() throws IOException {
        byte[] latin1 = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("latin1.yaml"), latin1);
        ScanResult result = scan();
        ScanProblem p = onlyProblem(result, "latin1.yaml");
        assertThat(p.type()).isEqualTo(ScanProblem.Type.PARSE);
        assertThat(p.message()).isEqualTo("not valid UTF-8: invalid bytes were replaced with U+FFFD");
        assertThat(result.objectsByKind()).containsEntry("ConfigMap", 1);
    }

    @Test
    void utf16WithBomIsReadAndBrokenUtf16IsAnError() throws IOException {
        Files.write(dir.resolve("le.yaml"), "\uFEFFapiVersion: v1\nkind: ConfigMap\nmetadata: {name: u}\n"
                .getBytes(StandardCharsets.UTF_16LE));
        ScanResult result = scan();
        assertThat(result.problems()).isEmpty();
        assertThat(result.objectsByKind()).containsEntry("ConfigMap", 1).containsEntry("Pod", 1);

        Files.delete(dir.resolve("le.yaml"));
        Files.write(dir.resolve("odd.yaml"), new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0, 0x00, (byte) 0xD8});
        ScanProblem p = onlyProblem(scan(), "odd.yaml");
        assertThat(p.type()).isEqualTo(ScanProblem.Type.IO);
        assertThat(p.message()).isEqualTo("not valid UTF-16");
    }

    @Test
    void duplicateKeysAreNamedWithTheirLine() throws IOException {
        write("dup.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\nkind: Secret\n");
        ScanProblem p = onlyProblem(scan(), "dup.yaml");
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.message()).contains("kind");
    }

    @Test
    void tabsForIndentationAreASyntaxErrorAtTheirLine() throws IOException {
        write("tabs.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: t\n");
        ScanProblem p = onlyProblem(scan(), "tabs.yaml");
        assertThat(p.type()).isEqualTo(ScanProblem.Type.PARSE);
        assertThat(p.message()).isEqualTo("while scanning for the next token: found character '\\t(TAB)' that "
                + "cannot start any token. (Do not use \\t(TAB) for indentation)");
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.column()).isEqualTo(1);
    }

    @Test
    void unrenderedHelmTemplateIsOneHint() throws IOException {
        write("deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"
                + "{{- if .Values.x }}\nspec: {}\n{{- end }}\n");
        ScanProblem p = onlyProblem(scan(), "deployment.yaml");
        assertThat(p.type()).isEqualTo(ScanProblem.Type.HELM_TEMPLATE);
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.message()).contains("helm template");
    }

    @Test
    void symlinkLoopIsNotFollowed() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(sub.resolve("loop"), dir);
        ScanProblem p = onlyProblem(scan(), "sub/loop");
        assertThat(p.type()).isEqualTo(ScanProblem.Type.IO);
        assertThat(p.message()).isEqualTo("symlink loop, not followed");
    }

    @Test
    void danglingSymlinkIsNamed() throws IOException {
        Files.createSymbolicLink(dir.resolve("gone.yaml"), dir.resolve("nowhere.yaml"));
        ScanProblem p = onlyProblem(scan(), "gone.yaml");
        assertThat(p.type()).isEqualTo(ScanProblem.Type.IO);
        assertThat(p.message()).isEqualTo("dangling symlink");
    }

    @Test
    void unreadableFileIsACannotRead() throws IOException {
        write("secret.yaml", "apiVersion: v1\nkind: ConfigMap\n");
        ContentLoader disk = ContentLoader.standard(InputStream.nullInputStream());
        ContentLoader denying = input -> {
            if (input.displayPath().endsWith("secret.yaml")) {
                throw new AccessDeniedException(input.path().toString());
            }
            return disk.load(input);
        };
        ScanProblem p = onlyProblem(scan(ParseLimits.DEFAULT, denying), "secret.yaml");
        assertThat(p.type()).isEqualTo(ScanProblem.Type.IO);
        assertThat(p.message()).isEqualTo("cannot read: " + dir.resolve("secret.yaml"));
    }

    @Test
    void directoryNamedLikeAFileIsWalkedNotRead() throws IOException {
        Path x = Files.createDirectory(dir.resolve("x.yaml"));
        Files.writeString(x.resolve("inner.yaml"), GOOD.replace("good", "inner"));
        ScanResult result = scan();
        assertThat(result.problems()).isEmpty();
        assertThat(result.findings()).extracting(f -> f.location().file())
                .containsExactly(dir + "/good.yaml", dir + "/x.yaml/inner.yaml");
    }

    @Test
    void emptyFileAndOnlySeparatorAreCleanAndCounted() throws IOException {
        write("empty.yaml", "");
        write("dashes.yaml", "---\n");
        write("many.yaml", "---\n---\n...\n---\n");
        ScanResult result = scan();
        assertThat(result.problems()).isEmpty();
        assertThat(result.filesScanned()).isEqualTo(4);
        assertThat(result.findings()).hasSize(1);
    }

    @Test
    void scanningWritesNothing() throws IOException {
        write("a.yaml", GOOD.replace("good", "a"));
        write("tabs.yaml", "a:\n\tb: c\n");
        Files.createSymbolicLink(dir.resolve("gone.yaml"), dir.resolve("nowhere.yaml"));
        Files.writeString(dir.resolve("good.yaml"), GOOD);
        String before = snapshot();
        scan();
        assertThat(snapshot()).isEqualTo(before);
    }

    /** Every entry under the scanned directory with its size, modification time and content. */
    private String snapshot() throws IOException {
        try (var paths = Files.walk(dir)) {
            StringBuilder sb = new StringBuilder();
            for (Path p : paths.sorted().toList()) {
                sb.append(dir.relativize(p)).append(' ');
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    sb.append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p)).append(' ')
                            .append(java.util.Arrays.hashCode(Files.readAllBytes(p)));
                }
                sb.append('\n');
            }
            sb.append(Files.getLastModifiedTime(dir));
            return sb.toString();
        }
    }
}
