package dev.shimscan.core.source.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.report.JsonReportWriter;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.testing.ReportSchemaValidator;
import dev.shimscan.core.tree.NodeRef;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host source on trees built at test time: which files are read and as what, exact lines through the engine,
 * and the safety promises (nothing outside the root, binaries sniffed not read, unreadable files reported).
 */
class HostScanTest {
    private static final Clock FIXED = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** Reports every line of a host file that contains "docker", with the file's category in the message. */
    static final class DockerLines implements Rule {
        static final RuleMeta META = new RuleMeta("DS999", "docker-lines", Severity.WARNING, Set.of(SourceKind.HOST),
                "test", "test");

        @Override
        public RuleMeta meta() {
            return META;
        }

        @Override
        public void check(Resource resource, RuleContext ctx) {
            NodeRef content = resource.root().get(HostFiles.CONTENT);
            String category = resource.root().get(HostFiles.CATEGORY).textOr("");
            String text = content.textOr("");
            int start = 0;
            for (String line : text.split("\n", -1)) {
                int at = line.indexOf("docker");
                if (at >= 0) {
                    ctx.report(Hit.at(content, category).withEvidence(line.substring(at), start + at));
                }
                start += line.length() + 1;
            }
        }
    }

    @TempDir
    Path tmp;
    Path root;
    Path outside;
    final List<Path> opened = Collections.synchronizedList(new ArrayList<>());
    final Map<Path, long[]> bytesRead = new ConcurrentHashMap<>();
    final Set<Path> unreadable = ConcurrentHashMap.newKeySet();

    /** Records every open and the bytes read; files in {@link #unreadable} fail as permission denied would. */
    final HostFileReader recording = file -> {
        opened.add(file);
        if (unreadable.contains(file)) {
            throw new AccessDeniedException(file.toString());
        }
        long[] count = bytesRead.computeIfAbsent(file, k -> new long[1]);
        return new FilterInputStream(Files.newInputStream(file)) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count[0]++;
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    count[0] += n;
                }
                return n;
            }
        };
    };

    @BeforeEach
    void dirs() throws IOException {
        root = Files.createDirectories(tmp.resolve("node"));
        outside = Files.createDirectories(tmp.resolve("outside"));
    }

    private Path write(String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private HostScan.Outcome scan(String node) throws HostScan.RootException {
        return new HostScan(List.of(new DockerLines()), recording, HostScan.DEFAULT_MAX_FILE_BYTES, FIXED)
                .run(root, "/host", node);
    }

    private static List<String> where(HostScan.Outcome o) {
        return o.result().findings().stream()
                .map(f -> f.location().file() + ":" + f.location().line() + ":" + f.location().column() + " "
                        + f.message())
                .toList();
    }

    private static List<String> notes(HostScan.Outcome o) {
        return o.notChecked().stream().map(Report.Skipped::reason).toList();
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
    void aRuleThatNeverReturnsOnOneFileCostsOnlyThatFilesFindings() throws Exception {
        write("etc/crontab", "SHELL=/bin/sh\n0 * * * * root docker system prune -f\n");
        write("usr/local/bin/cleanup", "#!/usr/bin/env bash\ndocker image prune -af\n");
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Rule hangsOnCrontab = new Rule() {
            private final RuleMeta meta = new RuleMeta("DS991", "hangs-on-crontab", Severity.NOTE,
                    Set.of(SourceKind.HOST), "Never returns on etc/crontab.", "None.");

            @Override
            public RuleMeta meta() {
                return meta;
            }

            @Override
            public void check(Resource resource, RuleContext ctx) {
                if (resource.ref().name().endsWith("etc/crontab")) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        try {
            HostScan.Outcome o = new HostScan(List.of(new DockerLines(), hangsOnCrontab), recording,
                    HostScan.DEFAULT_MAX_FILE_BYTES, FIXED).withRuleTimeout(java.time.Duration.ofMillis(200))
                    .run(root, "/host", "n1");

            assertThat(where(o)).containsExactly("usr/local/bin/cleanup:2:1 script");
            assertThat(o.result().problems()).singleElement().satisfies(p -> {
                assertThat(p.type()).isEqualTo(ScanProblem.Type.RULE_ERROR);
                assertThat(p.ruleId()).isEqualTo("DS991");
                assertThat(p.message()).startsWith("rule DS991 did not finish within 200ms on ")
                        .endsWith("; its findings are left out");
            });
        } finally {
            release.countDown();
        }
    }

    @Test
    void readsTheListedPlacesWithTheirCategoriesAndExactLines() throws Exception {
        write("etc/docker/daemon.json", "{\n  \"registry-mirrors\": [\"https://docker-mirror.local\"]\n}\n");
        write("var/lib/kubelet/kubeadm-flags.env", "KUBELET_KUBEADM_ARGS=\"--container-runtime=docker\"\n");
        write("etc/systemd/system/agent.service", "[Unit]\nRequires=docker.service\n");
        write("etc/systemd/system/kubelet.service.d/10-kubeadm.conf", "[Service]\nEnvironment=X=docker\n");
        write("etc/systemd/system/kubelet.service.d/notes.txt", "docker\n");
        write("etc/crontab", "SHELL=/bin/sh\n0 * * * * root docker system prune -f\n");
        write("var/spool/cron/crontabs/root", "0 * * * * docker ps\n");
        write("etc/rc.local", "#!/bin/sh\ndocker start registry\n");
        write("var/lib/cloud/instance/user-data.txt", "#!/bin/bash\n  systemctl restart docker\n");
        write("etc/profile.d/aliases.sh", "alias dps='docker ps'\n");
        write("root/.bashrc", "alias d=docker\n");
        write("root/notes.txt", "docker\n");
        write("home/ops/.bash_aliases", "alias dl='docker logs'\n");
        write("usr/local/bin/cleanup", "#!/usr/bin/env bash\ndocker image prune -af\n");
        write("usr/local/bin/report.py", "#!/usr/bin/python3\nprint('docker')\n");
        write("opt/tools/deploy.sh", "docker compose up -d\n");
        write("opt/tools/readme.md", "run docker\n");
        write("etc/fluent-bit/fluent-bit.conf", "[INPUT]\n    Parser docker\n");
        write("etc/ssh/sshd_config", "# docker\n");
        write("etc/hostname", "worker-1\n");
        write("etc/os-release", "NAME=Ubuntu\nPRETTY_NAME=\"Ubuntu 20.04.6 LTS\"\n");

        HostScan.Outcome o = scan(null);

        assertThat(where(o)).containsExactly(
                "etc/crontab:2:16 cron",
                "etc/docker/daemon.json:2:33 daemon-json",
                "etc/fluent-bit/fluent-bit.conf:2:12 log-pipeline",
                "etc/profile.d/aliases.sh:1:12 profile",
                "etc/rc.local:2:1 script",
                "etc/systemd/system/agent.service:2:10 systemd-unit",
                "etc/systemd/system/kubelet.service.d/10-kubeadm.conf:2:15 systemd-unit",
                "home/ops/.bash_aliases:1:11 profile",
                "opt/tools/deploy.sh:1:1 script",
                "root/.bashrc:1:9 profile",
                "usr/local/bin/cleanup:2:1 script",
                "var/lib/cloud/instance/user-data.txt:2:21 cloud-init",
                "var/lib/kubelet/kubeadm-flags.env:1:43 kubelet-flags",
                "var/spool/cron/crontabs/root:1:11 user-cron");
        assertThat(o.result().findings()).allSatisfy(f -> {
            assertThat(f.node()).isEqualTo("worker-1");
            assertThat(f.object().kind()).isEqualTo("HostFile");
            assertThat(f.object().apiVersion()).isEqualTo("shimscan.dev/v1");
            assertThat(f.object().name()).isEqualTo(f.location().file());
            assertThat(f.path()).isEqualTo("content");
        });
        assertThat(o.result().problems()).isEmpty();
        assertThat(o.result().filesScanned()).isEqualTo(14);
        assertThat(o.result().objectsByKind()).containsEntry("systemd-unit", 2).containsEntry("profile", 3);
        assertThat(notes(o)).containsExactly("opt: 1 text file that is not a shell script (another interpreter, "
                + "or data) not analysed (opt/tools/readme.md)", "usr/local/bin: 1 text file that is not a shell "
                + "script (another interpreter, or data) not analysed (usr/local/bin/report.py)");
        assertThat(opened).allSatisfy(p -> assertThat(p.startsWith(root)).isTrue());

        Report report = o.report();
        assertThat(report.nodes()).containsExactly(
                new Report.NodeInfo("worker-1", null, null, null, "Ubuntu 20.04.6 LTS", null, null));
        assertThat(report.scan().targets()).containsExactly("/host");
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new JsonReportWriter().render(report, dev.shimscan.core.report.RenderOptions.PLAIN, json);
        String text = json.toString(StandardCharsets.UTF_8);
        ReportSchemaValidator.assertValid(text);
        assertThat(text).contains("\"node\" : \"worker-1\"");
    }

    @Test
    void unreadableFilesLinksOutOfTheRootLoopsAndA50MbBinary() throws Exception {
        Path secret = Files.writeString(outside.resolve("secret.sh"), "#!/bin/sh\ndocker ps\n");
        Files.writeString(outside.resolve("crontab"), "* * * * * root docker ps\n");
        Path unreadableScript = write("usr/local/bin/backup.sh", "#!/bin/sh\ndocker save x > /backup/x.tar\n");
        unreadable.add(unreadableScript);
        write("usr/local/bin/ok.sh", "#!/bin/sh\ndocker ps\n");
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("opt"));
        // absolute link to a file outside the root: resolved inside the root, where nothing is
        Files.createSymbolicLink(root.resolve("usr/local/bin/abs-out"), secret);
        // relative link climbing out of the root: clamped at the root, like a chroot
        Files.createSymbolicLink(root.resolve("usr/local/bin/rel-out"),
                Path.of("../../../../../../../../" + outside.getFileName() + "/secret.sh"));
        // a whole place that is a link out of the root
        Files.createSymbolicLink(root.resolve("etc/crontab"), outside.resolve("crontab"));
        // a directory link out of the root inside a walked place
        Files.createSymbolicLink(root.resolve("opt/elsewhere"), outside);
        // loops
        Files.createSymbolicLink(root.resolve("usr/local/bin/loop-a"), Path.of("loop-b"));
        Files.createSymbolicLink(root.resolve("usr/local/bin/loop-b"), Path.of("loop-a"));
        Files.createSymbolicLink(root.resolve("opt/self"), Path.of("."));
        // a 50 MB sparse binary
        Path big = root.resolve("usr/local/bin/huge-agent");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.write(new byte[]{0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
            f.setLength(50L * 1024 * 1024);
        }
        Files.setPosixFilePermissions(big, PosixFilePermissions.fromString("rwxr-xr-x"));

        HostScan.Outcome o = scan("n1");

        assertThat(where(o)).containsExactly("usr/local/bin/ok.sh:2:1 script");
        assertThat(o.result().problems()).containsExactly(new ScanProblem("usr/local/bin/backup.sh", null, null,
                ScanProblem.Type.IO, "cannot read: permission denied", null));
        assertThat(opened).allSatisfy(p -> assertThat(p.startsWith(root)).as("%s is under the root", p).isTrue());
        assertThat(opened).doesNotContain(secret, outside.resolve("crontab"));
        assertThat(bytesRead.get(big)[0]).isLessThanOrEqualTo(HostContent.SNIFF_BYTES);
        assertThat(notes(o)).containsExactlyInAnyOrder(
                "opt/elsewhere: symlink to " + outside + " leads to nothing inside the root, not followed (links "
                        + "are resolved inside the root, never out of it)",
                "opt/self: symlink to the directory ., not followed",
                "usr/local/bin/abs-out: symlink to " + secret + " leads to nothing inside the root, not followed "
                        + "(links are resolved inside the root, never out of it)",
                "usr/local/bin/loop-a: symlink loop (through loop-b), not followed",
                "usr/local/bin/loop-b: symlink loop (through loop-a), not followed",
                "usr/local/bin/rel-out: symlink to ../../../../../../../../outside/secret.sh leads to nothing "
                        + "inside the root, not followed (links are resolved inside the root, never out of it)",
                "usr/local/bin: 1 binary file not read (usr/local/bin/huge-agent)");
        Report report = o.report();
        assertThat(report.incomplete()).isTrue();
        assertThat(report.coverage().notChecked()).hasSize(7);
    }

    @Test
    void absoluteLinksResolveInsideTheRootAndAFileReachedTwiceIsReadOnce() throws Exception {
        write("usr/lib/systemd/system/agent.service", "[Unit]\nAfter=docker.service\n");
        Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
        Files.createDirectories(root.resolve("etc/systemd/system/multi-user.target.wants"));
        Files.createSymbolicLink(root.resolve("etc/systemd/system/multi-user.target.wants/agent.service"),
                Path.of("/lib/systemd/system/agent.service"));
        Files.createSymbolicLink(root.resolve("etc/systemd/system/legacy.service"),
                Path.of("/usr/lib/systemd/system/agent.service"));
        Files.createSymbolicLink(root.resolve("etc/systemd/system/masked.service"), Path.of("/dev/null"));
        write("opt/app/run.sh", "docker run app\n");
        // one file at two places that are not links (a directory bind-mounted twice): read once, at the shorter path
        write("usr/lib/systemd/system/other.service", "[Unit]\nWants=docker.socket\n");
        Files.createDirectories(root.resolve("etc/systemd/system/x.d"));
        Files.createLink(root.resolve("etc/systemd/system/x.d/other.conf"),
                root.resolve("usr/lib/systemd/system/other.service"));
        Files.createDirectories(root.resolve("var/lib/cloud/instances/i-1"));
        Files.writeString(root.resolve("var/lib/cloud/instances/i-1/user-data.txt"), "#!/bin/sh\ndocker pull x\n");
        Files.createSymbolicLink(root.resolve("var/lib/cloud/instance"), Path.of("/var/lib/cloud/instances/i-1"));

        HostScan.Outcome o = scan("n1");

        assertThat(where(o)).containsExactly("etc/systemd/system/x.d/other.conf:2:7 systemd-unit",
                "opt/app/run.sh:1:1 script",
                "usr/lib/systemd/system/agent.service:2:7 systemd-unit",
                "var/lib/cloud/instance/user-data.txt:2:1 cloud-init");
        assertThat(notes(o)).isEmpty();
    }

    @Test
    void invalidDaemonJsonIsAProblemWithItsLineAndLargeTextIsNotRead() throws Exception {
        write("etc/docker/daemon.json", "{\n  \"log-driver\": \"json-file\",\n  \"bip\": \"10.1.0.1/24\",\n}\n");
        write("opt/big.sh", "#!/bin/sh\n" + "echo docker\n".repeat(10));
        HostScan.Outcome o = new HostScan(List.of(new DockerLines()), recording, 64, FIXED).run(root, "/", "n1");
        assertThat(o.result().problems()).hasSize(1);
        ScanProblem p = o.result().problems().get(0);
        assertThat(p.file()).isEqualTo("etc/docker/daemon.json");
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.type()).isEqualTo(ScanProblem.Type.PARSE);
        assertThat(p.message()).startsWith("daemon.json is not valid JSON");
        assertThat(notes(o)).containsExactly("opt/big.sh: text file of 130 bytes, larger than the limit of 64; not read");
    }

    @Test
    void theNodeNameComesFromTheOptionElseTheHostnameFileElseNowhere() throws Exception {
        write("etc/rc.local", "docker ps\n");
        assertThat(scan("given").result().findings()).extracting(Finding::node).containsExactly("given");
        assertThat(scan(null).result().findings()).extracting(Finding::node).containsOnlyNulls();
        assertThat(scan(null).report().nodes()).isEmpty();
        write("etc/hostname", "# comment\nnode-from-file\n");
        assertThat(scan(" ").result().findings()).extracting(Finding::node).containsExactly("node-from-file");
    }

    @Test
    void aRootThatIsNotADirectoryIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        HostScan scan = new HostScan(List.of(new DockerLines()), recording, 1024, FIXED);
        assertThatThrownBy(() -> scan.run(file, "file", null)).isInstanceOf(HostScan.RootException.class)
                .hasMessage("not a directory: " + file);
        assertThatThrownBy(() -> scan.run(tmp.resolve("nope"), "nope", null))
                .isInstanceOf(HostScan.RootException.class).hasMessage("no such directory: " + tmp.resolve("nope"));
    }
}
