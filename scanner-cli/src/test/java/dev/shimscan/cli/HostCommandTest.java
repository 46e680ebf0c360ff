package dev.shimscan.cli;

import static dev.shimscan.cli.Cli.cli;
import static dev.shimscan.cli.Cli.shimscan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimscan.core.testing.ReportSchemaValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shimscan host}: a node tree in, a report with file, line and node out; exit codes; the help; and the
 * README's fleet path, two node audits as {@code kubectl logs} prints them through {@code shimscan report merge -}.
 */
class HostCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path node(String name, String... filesAndTexts) throws IOException {
        Path root = dir.resolve(name);
        Files.createDirectories(root);
        for (int i = 0; i < filesAndTexts.length; i += 2) {
            Path f = root.resolve(filesAndTexts[i]);
            Files.createDirectories(f.getParent());
            Files.writeString(f, filesAndTexts[i + 1], StandardCharsets.UTF_8);
        }
        return root;
    }

    private Path dockerNode(String name) throws IOException {
        return node(name,
                "etc/hostname", name + "\n",
                "etc/docker/daemon.json", "{\n  \"registry-mirrors\": [\"https://mirror.gcr.io\"]\n}\n",
                "etc/systemd/system/agent.service", "[Unit]\nRequires=docker.service\n",
                "etc/rc.local", "#!/bin/sh\ndocker start registry\n");
    }

    @Test
    void aJsonReportWithFilesLinesAndTheNode() throws IOException {
        Path root = dockerNode("worker-1");
        Cli.Run run = shimscan("host", "--root", root.toString(), "-o", "json");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("shimscan: node worker-1: 3 findings (1 error, 2 warning) in 3 files, "
                + "3 objects\n");
        JsonNode report = JSON.readTree(run.out());
        ReportSchemaValidator.assertValid(report);
        assertThat(report.at("/scan/source").asText()).isEqualTo("host");
        assertThat(report.at("/scan/targets/0").asText()).isEqualTo(root.toString());
        List<String> findings = new ArrayList<>();
        report.get("findings").forEach(f -> findings.add(f.at("/location/file").asText() + ":"
                + f.at("/location/line").asInt() + " " + f.get("ruleId").asText() + " " + f.get("node").asText()));
        assertThat(findings).containsExactly("etc/docker/daemon.json:2 DS501 worker-1",
                "etc/rc.local:2 DS601 worker-1", "etc/systemd/system/agent.service:2 DS602 worker-1");
        assertThat(report.at("/nodes/0/name").asText()).isEqualTo("worker-1");
        assertThat(report.at("/coverage/inspected").toString())
                .isEqualTo("{\"daemon-json\":1,\"script\":1,\"systemd-unit\":1}");
    }

    @Test
    void theNodeNameComesFromTheOptionThenNodeNameThenTheHostnameFile() throws IOException {
        Path root = dockerNode("from-file");
        assertThat(node(cli().env("NODE_NAME", "from-env").run("host", "--root", root.toString(), "-o", "json",
                "--node-name", "from-option"))).isEqualTo("from-option");
        assertThat(node(cli().env("NODE_NAME", "from-env").run("host", "--root", root.toString(), "-o", "json")))
                .isEqualTo("from-env");
        assertThat(node(shimscan("host", "--root", root.toString(), "-o", "json"))).isEqualTo("from-file");
    }

    private static String node(Cli.Run run) throws IOException {
        return JSON.readTree(run.out()).at("/findings/0/node").asText();
    }

    @Test
    void exitCodesCleanIncompleteAndUsage() throws IOException {
        Path clean = node("clean", "etc/crontab", "0 * * * * root crictl rmi --prune\n");
        assertThat(shimscan("host", "--root", clean.toString()).exitCode()).isZero();
        Path broken = node("broken", "etc/docker/daemon.json", "{\"bip\": \"10.0.0.1/24\",,}\n");
        Cli.Run incomplete = shimscan("host", "--root", broken.toString(), "-o", "json");
        assertThat(incomplete.exitCode()).as(incomplete.toString()).isEqualTo(3);
        JsonNode problem = JSON.readTree(incomplete.out()).at("/coverage/errors/0");
        assertThat(problem.get("file").asText()).isEqualTo("etc/docker/daemon.json");
        assertThat(problem.get("line").asInt()).isEqualTo(1);
        assertThat(problem.get("type").asText()).isEqualTo("parse");
        Cli.Run missing = shimscan("host", "--root", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot audit --root " + dir.resolve("nope") + ": no such directory");
    }

    @Test
    void helpShowsTheThreeWaysToRunIt() {
        Cli.Run help = shimscan("host", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--root=DIR", "--node-name=NAME", "--fail-on", "-o, --output",
                "sudo shimscan host", "shimscan host --root /mnt/node-image",
                "kubectl apply -f deploy/node-audit-daemonset.yaml",
                "| shimscan report merge - -o html=nodes.html", "shimscan host --root /host -o json");
        assertThat(shimscan("--help").out()).contains("sudo shimscan host");
    }

    /** The merge one-liner of the README's "Every node of a cluster", as written. */
    static List<String> readmeMergeLine() throws IOException {
        String readme = Files.readString(Cli.projectDir().resolve("README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^kubectl logs (.*) \\| shimscan (report merge - .*)$").matcher(readme);
        assertThat(m.find()).as("README has the kubectl logs | shimscan report merge - one-liner").isTrue();
        return List.of(m.group(1), m.group(2));
    }

    @Test
    void theReadmeMergeOfTwoNodeAuditsAsKubectlLogsPrintsThem() throws IOException {
        List<String> line = readmeMergeLine();
        assertThat(line.get(0)).contains("-n shimscan-nodes", "-l app=shimscan-node-audit", "--tail=-1")
                .doesNotContain("--prefix");
        StringBuilder logs = new StringBuilder();
        for (String name : List.of("worker-b", "worker-a")) {
            Cli.Run audit = cli().env("NODE_NAME", name).run("host", "--root", dockerNode(name + "-root").toString(),
                    "-o", "json", "--fail-on", "never");
            assertThat(audit.exitCode()).isZero();
            // a pod's log: its stdout (the report), its stderr (the summary), the DaemonSet's closing line
            logs.append(audit.out()).append(audit.err()).append("shimscan: node audit finished (exit 0)\n");
        }
        List<String> args = new ArrayList<>(Arrays.asList(line.get(1).split("\\s+")));
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).contains("=nodes.")) {
                String[] fp = args.get(i).split("=", 2);
                args.set(i, fp[0] + "=" + dir.resolve(fp[1]));
            }
        }
        Cli.Run merge = cli().stdin(logs.toString().getBytes(StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
        assertThat(merge.exitCode()).as(merge.toString()).isEqualTo(1);
        assertThat(merge.err()).contains("stdin: skipped 4 lines that are not JSON reports");
        JsonNode merged = JSON.readTree(dir.resolve("nodes.json").toFile());
        ReportSchemaValidator.assertValid(merged);
        assertThat(merged.at("/summary/findings").asInt()).isEqualTo(6);
        assertThat(merged.at("/summary/byRule/DS601").asInt()).isEqualTo(2);
        List<String> nodes = new ArrayList<>();
        merged.get("nodes").forEach(n -> nodes.add(n.get("name").asText()));
        assertThat(nodes).containsExactly("worker-a", "worker-b");
        List<String> findings = new ArrayList<>();
        merged.get("findings").forEach(f -> findings.add(f.at("/location/file").asText() + " " + f.get("node").asText()));
        assertThat(findings).containsExactly("etc/docker/daemon.json worker-a", "etc/docker/daemon.json worker-b",
                "etc/rc.local worker-a", "etc/rc.local worker-b", "etc/systemd/system/agent.service worker-a",
                "etc/systemd/system/agent.service worker-b");
        assertThat(Files.readString(dir.resolve("nodes.html"))).contains("worker-a", "worker-b");
    }
}
