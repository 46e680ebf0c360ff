package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code ./shimscan}, run from a copy of it beside a stand-in jar with a stand-in {@code java}
 * that records its arguments (and writes the class-data archive it is asked for), so no JVM or build runs.
 */
class LauncherTest {
    @TempDir
    Path work;
    Path root;
    Path javaHome;
    Path calls;

    @BeforeEach
    void setUp() throws IOException {
        root = work.resolve("checkout.1");
        Files.createDirectories(root.resolve("scanner-cli/target"));
        Files.copy(Cli.projectDir().resolve("shimscan"), root.resolve("shimscan"));
        executable(root.resolve("shimscan"));
        Files.writeString(root.resolve("scanner-cli/target/shimscan.jar"), "stand-in");
        javaHome = work.resolve("jdk-17.0.15+6");
        calls = work.resolve("calls.txt");
        Path java = javaHome.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, """
                #!/bin/sh
                for a in "$@"; do
                    case $a in -XX:ArchiveClassesAtExit=*) echo archive > "${a#-XX:ArchiveClassesAtExit=}" ;; esac
                done
                printf '%%s\\n' "$*" >> "%s"
                """.formatted(calls));
        executable(java);
    }

    @Test
    void trainsAnArchiveOnceThenRunsTheJarWithItAndJavaOptsLast() throws Exception {
        run(root.resolve("shimscan"), Map.of("JAVA_OPTS", "-Xmx256m"), "manifests", "k8s/");
        run(root.resolve("shimscan"), Map.of("JAVA_OPTS", "-Xmx256m"), "manifests", "k8s/");

        Path target = root.resolve("scanner-cli/target").toRealPath();
        String archive = target.resolve("shimscan-cds" + javaHome.resolve("bin/java").toRealPath().toString()
                .replaceAll("[^A-Za-z0-9.-]", "_") + ".jsa").toString();
        String jar = target.resolve("shimscan.jar").toString();
        List<String> lines = Files.readAllLines(calls);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).as("training run").contains("-XX:ArchiveClassesAtExit=" + archive + ".")
                .contains("-jar " + jar + " manifests " + root.toRealPath().resolve("examples") + " -o json=")
                .contains(" -o sarif=", " -o console=");
        String expected = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xmn32m -XX:SharedArchiveFile=" + archive
                + " -Xlog:cds=off -Xlog:cds+dynamic=off -Xmx256m -jar " + jar + " manifests k8s/";
        assertThat(lines.get(1)).isEqualTo(expected);
        assertThat(lines.get(2)).isEqualTo(expected);
    }

    @Test
    void findsItsCheckoutThroughASymlinkAndRunsWithoutArchiveWhenAskedTo() throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("shimscan"), root.resolve("shimscan"));

        run(bin.resolve("shimscan"), Map.of("SHIMSCAN_CDS", "0"), "--version");

        String jar = root.toRealPath().resolve("scanner-cli/target/shimscan.jar").toString();
        assertThat(Files.readAllLines(calls)).containsExactly(
                "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xmn32m -jar " + jar + " --version");
    }

    @Test
    void aCheckoutWithABlankInItsPathRunsWithoutArchive() throws Exception {
        Path spaced = work.resolve("my checkout");
        Files.move(root, spaced);

        run(spaced.resolve("shimscan"), Map.of(), "manifests", "k8s/");

        String jar = spaced.toRealPath().resolve("scanner-cli/target/shimscan.jar").toString();
        assertThat(Files.readAllLines(calls)).containsExactly(
                "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xmn32m -jar " + jar + " manifests k8s/");
    }

    private void run(Path launcher, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add(launcher.toString());
        pb.command().addAll(List.of(args));
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("SHIMSCAN_CDS");
        pb.environment().putAll(env);
        pb.directory(work.toFile());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
