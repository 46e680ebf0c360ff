package dev.shimscan.cli;

import static dev.shimscan.cli.Cli.cli;
import static dev.shimscan.cli.Cli.shimscan;
import static dev.shimscan.cli.Cli.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimscan.core.testing.ReportSchemaValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** DS101 (error) at 19:19, the hostPath.path value. */
    static final String SOCKET_AGENT = """
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: agent
              namespace: monitoring
            spec:
              template:
                spec:
                  containers:
                    - name: agent
                      image: example/agent:1
                      volumeMounts:
                        - name: sock
                          mountPath: /var/run/docker.sock
                  volumes:
                    - name: sock
                      hostPath:
                        path: /var/run/docker.sock
            """;

    /** DS103 (warning) only, at 15:15. */
    static final String LOG_READER = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: log-reader
            spec:
              containers:
                - name: reader
                  image: example/reader:1
                  volumeMounts:
                    - name: logs
                      mountPath: /logs
              volumes:
                - name: logs
                  hostPath:
                    path: /var/lib/docker/containers
            """;

    static final String CLEAN = """
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              endpoint: unix:///run/containerd/containerd.sock
            """;

    /** Malformed: an unterminated quoted scalar that runs to the end of the file (line 7). */
    static final String MALFORMED = """
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: broken
            data:
              key: "unterminated
            """;

    @TempDir
    Path dir;

    @Test
    void findingAtOrAboveErrorExitsOneAndShowsTheFindingAtItsLine() {
        write(dir.resolve("agent.yaml"), SOCKET_AGENT);

        Cli.Run run = shimscan("manifests", dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out())
                .contains(dir + "/agent.yaml\n")
                .contains("  19:19  error    DS101  ")
                .contains("DaemonSet/monitoring/agent  container agent  spec.template.spec.volumes[0].hostPath.path")
                .endsWith("1 finding (1 error) in 1 file, 1 object\n");
        assertThat(run.out()).doesNotContain("\u001b[");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void failOnNeverExitsZeroDespiteFindings() {
        write(dir.resolve("agent.yaml"), SOCKET_AGENT);

        Cli.Run run = shimscan("manifests", "--fail-on", "never", dir.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("DS101");
    }

    @Test
    void failOnDecidesWhetherAWarningFailsTheRun() {
        write(dir.resolve("reader.yaml"), LOG_READER);

        assertThat(shimscan("manifests", dir.toString()).exitCode()).isZero();
        assertThat(shimscan("manifests", "--fail-on", "warning", dir.toString()).exitCode()).isEqualTo(1);
        assertThat(shimscan("manifests", "--fail-on", "NOTE", dir.toString()).exitCode()).isEqualTo(1);
        assertThat(shimscan("manifests", dir.toString()).out()).contains("  15:15  warning  DS103  ");
    }

    @Test
    void cleanManifestsExitZero() {
        write(dir.resolve("settings.yaml"), CLEAN);

        Cli.Run run = shimscan("manifests", dir.toString());

        assertThat(run.exitCode()).isZero();
        // no rule keyword in it: read, counted, not parsed
        assertThat(run.out()).isEqualTo("0 findings in 1 file (1 without any rule keyword, not parsed), 0 objects\n");
    }

    @Test
    void ruleTimeoutMustBeADurationAboveZero() {
        write(dir.resolve("settings.yaml"), CLEAN);
        assertThat(shimscan("manifests", "--rule-timeout", "0", dir.toString()).exitCode()).isEqualTo(2);
        assertThat(shimscan("manifests", "--rule-timeout", "soon", dir.toString()).err())
                .contains("expected a duration such as 30s, 2m, 500ms or 0, but was 'soon'");
        assertThat(shimscan("manifests", "--rule-timeout", "500ms", dir.toString()).exitCode()).isZero();
    }

    @Test
    void parseAllParsesAndCountsFilesWithoutARuleKeyword() throws IOException {
        write(dir.resolve("settings.yaml"), CLEAN);
        write(dir.resolve("reader.yaml"), LOG_READER);

        Cli.Run filtered = shimscan("manifests", "--format", "json", dir.toString());
        Cli.Run all = shimscan("manifests", "--format", "json", "--parse-all", dir.toString());

        JsonNode some = JSON.readTree(filtered.out());
        JsonNode every = JSON.readTree(all.out());
        ReportSchemaValidator.assertValid(some);
        ReportSchemaValidator.assertValid(every);
        assertThat(some.at("/coverage/filesNotParsed").asInt()).isEqualTo(1);
        assertThat(some.at("/coverage/inspected").toString()).isEqualTo("{\"Pod\":1}");
        assertThat(every.at("/coverage/filesNotParsed").isMissingNode()).isTrue();
        assertThat(every.at("/coverage/inspected").toString()).isEqualTo("{\"ConfigMap\":1,\"Pod\":1}");
        assertThat(some.at("/summary/filesScanned").asInt()).isEqualTo(2);
        assertThat(every.at("/summary/filesScanned").asInt()).isEqualTo(2);
        assertThat(some.at("/findings")).isEqualTo(every.at("/findings"));
    }

    @Test
    void malformedFileAmongGoodOnesIsReportedWithItsLineAndMakesTheScanIncomplete() throws IOException {
        write(dir.resolve("a-settings.yaml"), CLEAN);
        write(dir.resolve("b-broken.yaml"), MALFORMED);
        write(dir.resolve("c-reader.yaml"), LOG_READER);

        Cli.Run run = shimscan("manifests", "--format", "json", "--parse-all", dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode report = JSON.readTree(run.out());
        ReportSchemaValidator.assertValid(report);
        assertThat(report.at("/summary/filesScanned").asInt()).isEqualTo(3);
        assertThat(report.at("/coverage/inspected/ConfigMap").asInt()).isEqualTo(1);
        assertThat(report.at("/coverage/inspected/Pod").asInt()).isEqualTo(1);
        assertThat(report.at("/findings")).hasSize(1);
        assertThat(report.at("/findings/0/ruleId").asText()).isEqualTo("DS103");
        JsonNode errors = report.at("/coverage/errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("file").asText()).isEqualTo(dir + "/b-broken.yaml");
        assertThat(errors.get(0).get("line").asInt()).isEqualTo(7);
        assertThat(errors.get(0).get("type").asText()).isEqualTo("parse");
        assertThat(errors.get(0).get("message").asText()).contains("found unexpected end of stream").doesNotContain("\n");
        assertThat(run.err()).contains("1 file could not be read");

        // without --parse-all the broken file, which holds no rule keyword, is read but not parsed
        Cli.Run filtered = shimscan("manifests", "--format", "json", dir.toString());
        assertThat(filtered.exitCode()).as(filtered.toString()).isZero();
        JsonNode some = JSON.readTree(filtered.out());
        assertThat(some.at("/coverage/errors")).isEmpty();
        assertThat(some.at("/coverage/filesNotParsed").asInt()).isEqualTo(2);
        assertThat(some.at("/findings")).isEqualTo(report.at("/findings"));
    }

    @Test
    void malformedFileWithFindingsAtFailOnExitsOne() {
        write(dir.resolve("agent.yaml"), SOCKET_AGENT);
        write(dir.resolve("broken.yaml"), MALFORMED);

        Cli.Run run = shimscan("manifests", "--parse-all", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("Problems (the scan is incomplete)\n  " + dir + "/broken.yaml:7:")
                .endsWith("1 finding (1 error) in 2 files, 1 object; 1 file could not be read\n");
    }

    @Test
    void missingPathAmongReadableOnesIsACoverageError() throws IOException {
        Path good = write(dir.resolve("settings.yaml"), CLEAN);
        String missing = dir.resolve("nope.yaml").toString();

        Cli.Run run = shimscan("manifests", "--format", "json", good.toString(), missing);

        assertThat(run.exitCode()).isEqualTo(3);
        JsonNode errors = JSON.readTree(run.out()).at("/coverage/errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("file").asText()).isEqualTo(missing);
        assertThat(errors.get(0).get("type").asText()).isEqualTo("io");
    }

    @Test
    void onlyMissingPathsAreAUsageError() {
        String missing = dir.resolve("nope").toString();

        Cli.Run run = shimscan("manifests", missing, missing + "2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("nothing to scan: no such file or directory: " + missing + ", " + missing + "2");
    }

    @Test
    void noPathIsAUsageError() {
        Cli.Run run = shimscan("manifests");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'PATH'");
    }

    @Test
    void badOptionsAreUsageErrors() {
        write(dir.resolve("settings.yaml"), CLEAN);

        assertThat(shimscan("manifests", "--bogus", dir.toString()).err()).contains("Unknown option: '--bogus'");
        assertThat(shimscan("manifests", "--bogus", dir.toString()).exitCode()).isEqualTo(2);
        Cli.Run failOn = shimscan("manifests", "--fail-on", "fatal", dir.toString());
        assertThat(failOn.exitCode()).isEqualTo(2);
        assertThat(failOn.err()).contains("expected one of error, warning, note, never but was 'fatal'");
        assertThat(shimscan("manifests", "--threads", "0", dir.toString()).exitCode()).isEqualTo(2);
        assertThat(shimscan("manifests", "--threads", "many", dir.toString()).exitCode()).isEqualTo(2);
        Cli.Run format = shimscan("manifests", "--format", "xml", dir.toString());
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("unknown format 'xml' (formats: console, json, sarif, html, markdown, gitlab, junit)");
    }

    @Test
    void stdinIsScannedAsFileDash() throws IOException {
        Cli.Run run = cli().stdin(SOCKET_AGENT.getBytes(StandardCharsets.UTF_8))
                .run("manifests", "--format", "json", "-");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode finding = JSON.readTree(run.out()).at("/findings/0");
        assertThat(finding.at("/location/file").asText()).isEqualTo("-");
        assertThat(finding.at("/location/line").asInt()).isEqualTo(19);
        assertThat(finding.at("/ruleId").asText()).isEqualTo("DS101");
    }

    @Test
    void emptyStdinIsACleanScanOfNothing() {
        Cli.Run run = shimscan("manifests", "-");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("0 findings in 1 file (1 without any rule keyword, not parsed), 0 objects\n");
    }

    @Test
    void anUnexpectedExceptionExitsFourWithOneLineAndTheStackTraceOnlyWithDebug() {
        write(dir.resolve("settings.yaml"), CLEAN);
        Clock broken = failingClock(new IllegalStateException("clock is broken"));

        Cli.Run plain = cli().clock(broken).run("manifests", dir.toString());
        Cli.Run debug = cli().clock(broken).run("manifests", "--debug", dir.toString());

        assertThat(plain.exitCode()).isEqualTo(4);
        assertThat(plain.err()).isEqualTo("shimscan: internal error: java.lang.IllegalStateException: clock is broken"
                + " (run with --debug for the stack trace)\n");
        assertThat(plain.out()).isEmpty();
        assertThat(debug.exitCode()).isEqualTo(4);
        assertThat(debug.err()).startsWith("shimscan: internal error: java.lang.IllegalStateException: clock is broken\n")
                .contains("\tat dev.shimscan.");
    }

    @Test
    void anErrorSuchAsOutOfMemoryExitsFourNotOne() {
        write(dir.resolve("settings.yaml"), CLEAN);

        Cli.Run run = cli().clock(failingClock(new OutOfMemoryError("Java heap space"))).run("manifests", dir.toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).isEqualTo("shimscan: internal error: java.lang.OutOfMemoryError: Java heap space\n");
    }

    private static Clock failingClock(Throwable failure) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                if (failure instanceof RuntimeException r) {
                    throw r;
                }
                throw (Error) failure;
            }
        };
    }

    @Test
    void coloursOnlyOnATerminalWithoutNoColor() {
        write(dir.resolve("agent.yaml"), SOCKET_AGENT);
        String target = dir.toString();

        assertThat(cli().terminal().run("manifests", target).out()).contains("\u001b[1m\u001b[31merror\u001b[0m");
        assertThat(cli().terminal().env("NO_COLOR", "1").run("manifests", target).out()).doesNotContain("\u001b[");
        assertThat(cli().terminal().env("NO_COLOR", "").run("manifests", target).out()).contains("\u001b[");
        assertThat(cli().terminal().run("manifests", "--no-color", target).out()).doesNotContain("\u001b[");
        assertThat(cli().run("manifests", target).out()).doesNotContain("\u001b[");
    }

    @Test
    void jsonOnStdoutParsesAndFollowsTheSchema() throws IOException {
        write(dir.resolve("agent.yaml"), SOCKET_AGENT);

        Cli.Run run = shimscan("manifests", "--format", "json", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode report = JSON.readTree(run.out());
        ReportSchemaValidator.assertValid(report);
        assertThat(report.at("/scan/source").asText()).isEqualTo("manifests");
        assertThat(report.at("/scan/startedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(report.at("/findings/0/ruleId").asText()).isEqualTo("DS101");
        assertThat(report.at("/findings/0/location/line").asInt()).isEqualTo(19);
        assertThat(report.at("/findings/0/location/column").asInt()).isEqualTo(19);
        assertThat(run.err()).isEqualTo("shimscan: 1 finding (1 error) in 1 file, 1 object\n");
    }
}
