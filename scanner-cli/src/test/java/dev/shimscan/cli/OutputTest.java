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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format} and {@code -o}: which report goes where. */
class OutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path manifests;
    private Path out;

    @BeforeEach
    void manifests() throws IOException {
        manifests = dir.resolve("k8s");
        write(manifests.resolve("agent.yaml"), ManifestsCommandTest.SOCKET_AGENT);
        out = Files.createDirectories(dir.resolve("out"));
    }

    @Test
    void bareFileTakesItsFormatFromItsExtensionAndStdoutGetsNoReport() throws IOException {
        Path report = out.resolve("report.json");

        Cli.Run run = shimscan("manifests", manifests.toString(), "-o", report.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("shimscan: wrote the json report to " + report + "\n"
                + "shimscan: 1 finding (1 error) in 1 file, 1 object\n");
        JsonNode json = JSON.readTree(report.toFile());
        ReportSchemaValidator.assertValid(json);
        assertThat(json.at("/findings/0/ruleId").asText()).isEqualTo("DS101");
    }

    @Test
    void formatOptionPicksTheFormatOfABareFile() throws IOException {
        Path report = out.resolve("report.out");

        Cli.Run run = shimscan("manifests", manifests.toString(), "--format", "json", "--output", report.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(report.toFile()).at("/summary/findings").asInt()).isEqualTo(1);
    }

    @Test
    void severalFormatsInOneRunWithTheConsoleReportOnStdout() throws IOException {
        Path json = out.resolve("r.json");
        Path text = out.resolve("r.txt");

        Cli.Run run = shimscan("manifests", manifests.toString(), "-o", "json=" + json, "-o", "console",
                "-o", "console=" + text);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("  19:19  error    DS101  ").endsWith("1 finding (1 error) in 1 file, 1 object\n");
        assertThat(Files.readString(text)).isEqualTo(run.out());
        assertThat(JSON.readTree(json.toFile()).at("/findings")).hasSize(1);
        assertThat(run.err()).doesNotContain("1 finding");
    }

    @Test
    void formatEqualsDashAndBareFormatNameMeanStdout() throws IOException {
        Cli.Run dash = shimscan("manifests", manifests.toString(), "-o", "json=-");
        Cli.Run bare = shimscan("manifests", manifests.toString(), "-o", "json");

        assertThat(JSON.readTree(dash.out()).at("/findings/0/ruleId").asText()).isEqualTo("DS101");
        assertThat(ExamplesTest.withoutTimes(bare.out())).isEqualTo(ExamplesTest.withoutTimes(dash.out()));
    }

    @Test
    void unknownExtensionWithoutFormatIsAUsageError() {
        Cli.Run run = shimscan("manifests", manifests.toString(), "-o", out.resolve("report.xyz").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot tell the report format from the file name")
                .contains("-o FORMAT=");
    }

    @Test
    void unknownFormatBeforeEqualsIsAUsageError() {
        Cli.Run run = shimscan("manifests", manifests.toString(), "-o", "pdf=" + out.resolve("r.pdf"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown format 'pdf' (formats: console, json, sarif, html, markdown, gitlab, junit)");
    }

    @Test
    void missingOutputDirectoryIsAUsageErrorFoundBeforeScanning() {
        Path report = dir.resolve("no-such-dir/report.json");

        Cli.Run run = shimscan("manifests", manifests.toString(), "-o", report.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot write the json report to " + report + ": directory "
                + dir.resolve("no-such-dir") + " does not exist");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void outputThatIsADirectoryIsAUsageError() {
        Cli.Run run = shimscan("manifests", manifests.toString(), "-o", "json=" + out);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("it is a directory");
    }

    @Test
    void twoReportsOnStdoutIsAUsageError() {
        Cli.Run run = shimscan("manifests", manifests.toString(), "-o", "console", "-o", "json=-");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("only one report can go to stdout");
    }

    @Test
    void theSameFileTwiceIsAUsageError() {
        Path report = out.resolve("r.json");

        Cli.Run run = shimscan("manifests", manifests.toString(), "-o", report.toString(), "-o", "json=" + report);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is given twice");
    }

    @Test
    void filesNeverGetColours() throws IOException {
        Path text = out.resolve("r.txt");

        Cli.Run run = Cli.cli().terminal().run("manifests", manifests.toString(), "-o", "console", "-o",
                "console=" + text);

        assertThat(run.out()).contains("\u001b[");
        assertThat(Files.readString(text)).doesNotContain("\u001b[").contains("DS101");
    }
}
