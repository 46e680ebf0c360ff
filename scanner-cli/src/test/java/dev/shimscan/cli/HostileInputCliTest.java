package dev.shimscan.cli;

import static dev.shimscan.cli.Cli.shimscan;
import static dev.shimscan.cli.Cli.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimscan.core.testing.ReportSchemaValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files through the whole CLI (exit code 3, one {@code coverage.errors} entry each, the good file still
 * scanned), and determinism of the parallel scan: the same input gives byte-identical JSON across 20 runs with
 * {@code --threads} 1 to 4. The hostile files one by one are in scanner-core's {@code HostileFilesTest}.
 */
class HostileInputCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLEAN = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n";

    @TempDir
    Path dir;

    private void hostileFiles() throws IOException {
        write(dir.resolve("a-good.yaml"), CLEAN);
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [").append(("*a" + (i - 1) + ", ").repeat(9))
                    .append("*a").append(i - 1).append("]\n");
        }
        write(dir.resolve("bomb.yaml"), bomb.toString());
        write(dir.resolve("deep.yaml"), "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        Files.write(dir.resolve("image.yaml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
        write(dir.resolve("tabs.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: t\n");
        write(dir.resolve("chart.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n");
        Files.createSymbolicLink(dir.resolve("gone.yaml"), dir.resolve("nowhere.yaml"));
        write(dir.resolve("empty.yaml"), "");
        write(dir.resolve("dashes.yaml"), "---\n");
    }

    @Test
    void hostileFilesAmongAGoodOneExitThreeWithOneErrorEach() throws IOException {
        hostileFiles();

        // --parse-all: every file goes through the parser, whatever its text
        Cli.Run run = shimscan("manifests", "--format", "json", "--parse-all", dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode report = JSON.readTree(run.out());
        ReportSchemaValidator.assertValid(report);
        assertThat(report.at("/coverage/inspected/ConfigMap").asInt()).isEqualTo(1);
        assertThat(errorTypesByFile(report)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "bomb.yaml", "limit", "deep.yaml", "limit", "image.yaml", "io", "tabs.yaml", "parse",
                "chart.yaml", "helm-template", "gone.yaml", "io")));
    }

    @Test
    void withTheKeywordFilterHostileFilesWithoutAKeywordAreCountedAndTheOthersStillFail() throws IOException {
        hostileFiles();
        // the same attacks, now naming Docker, so that the filter lets them through to the parser
        write(dir.resolve("bomb-docker.yaml"), Files.readString(dir.resolve("bomb.yaml")) + "# docker.sock\n");
        write(dir.resolve("deep-docker.yaml"), "# hostPath\n" + Files.readString(dir.resolve("deep.yaml")));
        write(dir.resolve("tabs-docker.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: docker\n");

        Cli.Run run = shimscan("manifests", "--format", "json", dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode report = JSON.readTree(run.out());
        ReportSchemaValidator.assertValid(report);
        // a-good, bomb, deep, tabs, empty and dashes hold no keyword: read, counted, not parsed
        assertThat(report.at("/coverage/filesNotParsed").asInt()).isEqualTo(6);
        assertThat(report.at("/summary/filesScanned").asInt()).isEqualTo(11);
        assertThat(errorTypesByFile(report)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "bomb-docker.yaml", "limit", "deep-docker.yaml", "limit", "image.yaml", "io",
                "tabs-docker.yaml", "parse", "chart.yaml", "helm-template", "gone.yaml", "io")));
    }

    private Map<String, String> errorTypesByFile(JsonNode report) {
        Map<String, String> typeByFile = new TreeMap<>();
        for (JsonNode e : report.at("/coverage/errors")) {
            String file = e.get("file").asText().substring(dir.toString().length() + 1);
            assertThat(typeByFile.put(file, e.get("type").asText())).as("one error for %s", file).isNull();
            assertThat(e.get("message").asText()).isNotBlank().doesNotContain("\n");
        }
        return typeByFile;
    }

    @Test
    void twentyRunsWithOneToFourThreadsGiveByteIdenticalJson() throws IOException {
        hostileFiles();
        Path corpus = sharedDir().resolve("corpus");
        String first = null;
        for (int i = 0; i < 20; i++) {
            String threads = String.valueOf(1 + i % 4);
            Cli.Run run = shimscan("manifests", "--format", "json", "--threads", threads, corpus.toString(),
                    dir.toString());
            assertThat(run.exitCode()).as(run.toString()).isIn(1, 3);
            // startedAt comes from the fixed test clock; only the duration may differ between runs
            String json = run.out().replaceAll("\"durationMs\"\\s*:\\s*\\d+", "\"durationMs\":0");
            if (first == null) {
                first = json;
                JsonNode report = JSON.readTree(json);
                assertThat(report.get("findings").size()).as("the corpus has findings").isGreaterThan(20);
                assertThat(report.at("/coverage/errors").size()).isGreaterThanOrEqualTo(3);
            } else {
                assertThat(json).as("run %d with --threads %s", i, threads).isEqualTo(first);
            }
        }
    }

    private static Path sharedDir() {
        String configured = System.getProperty("shimscan.shared.dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("shared/corpus"))) {
                return d.resolve("shared");
            }
        }
        throw new IllegalStateException("no shared/ directory above " + Path.of("").toAbsolutePath());
    }
}
