package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Huge inputs at {@code -Xmx256m}, in a JVM of their own: a 200 MB file is refused by its size and a 200 MB stdin
 * once the limit is read, each a {@code limit} entry in the report; files near the limit are parsed one at a time
 * and their findings reported; no OutOfMemoryError; exit 3 (scan incomplete), or 1 when there are findings.
 */
class LowHeapTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HUGE = 200L * 1000 * 1000;

    @TempDir
    Path dir;

    /** A {@code kubectl get pods -o yaml} list of {@code pods} pods, every 500th mounting the Docker socket. */
    private static String podList(int pods) {
        StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
        for (int n = 0; n < pods; n++) {
            sb.append("- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: pod-").append(n)
                    .append("\n    namespace: ns-").append(n % 50).append("\n    labels: {app: a").append(n)
                    .append(", tier: web}\n  spec:\n    containers:\n    - name: app\n      image: registry.example.com/app:1.")
                    .append(n).append("\n      env:\n");
            for (int i = 0; i < 8; i++) {
                sb.append("      - {name: VAR_").append(i).append(", value: \"value-").append(i).append("\"}\n");
            }
            sb.append("      volumeMounts:\n      - {name: data, mountPath: /data}\n    volumes:\n    - name: data\n      ")
                    .append(n % 500 == 0 ? "hostPath: {path: /var/run/docker.sock}" : "emptyDir: {}").append('\n');
        }
        return sb.toString();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run shimscanAt256m(List<String> args, Path stdin) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("out.json").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the scan ends").isTrue();
        return new Run(p.exitValue(), Files.readString(dir.resolve("out.json")), Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void aTwoHundredMegabyteFileIsRefusedAndFilesNearTheLimitAreScannedOneAtATime() throws Exception {
        Path scan = Files.createDirectory(dir.resolve("manifests"));
        try (RandomAccessFile huge = new RandomAccessFile(scan.resolve("huge.yaml").toFile(), "rw")) {
            huge.setLength(HUGE); // sparse: refused by its size on disk, before anything is read
        }
        String list = podList(700); // about 1.1 MB, under the limit at -Xmx256m (2.5 MiB)
        Files.writeString(scan.resolve("pods-a.yaml"), list);
        Files.writeString(scan.resolve("pods-b.yaml"), list);
        Files.writeString(scan.resolve("pods-c.yaml"), list);

        Run run = shimscanAt256m(List.of("manifests", "--format", "json", "--threads", "2", scan.toString()), null);

        assertThat(run.err()).doesNotContain("OutOfMemoryError").doesNotContain("internal error");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1); // error findings outrank the incomplete scan
        JsonNode report = JSON.readTree(run.out());
        JsonNode errors = report.at("/coverage/errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("file").asText()).isEqualTo(scan.resolve("huge.yaml").toString());
        assertThat(errors.get(0).get("type").asText()).isEqualTo("limit");
        assertThat(errors.get(0).get("message").asText()).startsWith("file is 200000000 bytes, larger than the limit of ");
        assertThat(report.at("/coverage/inspected/Pod").asInt()).isEqualTo(3 * 700);
        assertThat(report.at("/summary/byRule/DS101").asInt()).isEqualTo(3 * 2);
    }

    @Test
    void twoHundredMegabytesOnStdinAreReadToTheEndButNotKept() throws Exception {
        Path input = dir.resolve("stdin.yaml");
        byte[] chunk = ("- {name: x, value: \"docker.sock\"}\n").repeat(30_000).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(input)) {
            out.write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  x: |\n".getBytes(StandardCharsets.UTF_8));
            for (long written = 0; written < HUGE; written += chunk.length) {
                out.write(chunk);
            }
        }

        Run run = shimscanAt256m(List.of("manifests", "--format", "json", "-"), input);

        assertThat(run.err()).doesNotContain("OutOfMemoryError").doesNotContain("internal error");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        JsonNode errors = JSON.readTree(run.out()).at("/coverage/errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("file").asText()).isEqualTo("-");
        assertThat(errors.get(0).get("type").asText()).isEqualTo("limit");
        assertThat(errors.get(0).get("message").asText()).startsWith("stdin holds more than the limit of ");
    }
}
