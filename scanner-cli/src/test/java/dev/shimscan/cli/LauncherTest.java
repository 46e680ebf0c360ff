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
    /** The launcher's own JVM options for every command. */
    private static final String COMMON = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xmn32m "
            + "-Xlog:disable -Xlog:all=warning:stderr";
    /**
     * The launcher's own JVM options for a command that is not a live-cluster one, before any archive and JAVA_OPTS,
     * where the kernel offers transparent huge pages (as {@link #thpSetting} says in every test but one).
     */
    private static final String DEFAULTS = COMMON + " -XX:MaxTenuringThreshold=0 -XX:+UseTransparentHugePages";
    /** The file the launcher reads the kernel's huge-page setting from. */
    Path thpSetting;
    @TempDir
    Path work;
    Path root;
    Path javaHome;
    Path calls;
    Path kubeconfigs;

    @BeforeEach
    void setUp() throws IOException {
        root = work.resolve("checkout.1");
        Files.createDirectories(root.resolve("scanner-cli/target"));
        Files.copy(Cli.projectDir().resolve("shimscan"), root.resolve("shimscan"));
        executable(root.resolve("shimscan"));
        Files.writeString(root.resolve("scanner-cli/target/shimscan.jar"), "stand-in");
        thpSetting = Files.writeString(work.resolve("thp-enabled"), "always [madvise] never\n");
        javaHome = work.resolve("jdk-17.0.15+6");
        calls = work.resolve("calls.txt");
        kubeconfigs = work.resolve("kubeconfigs.txt");
        Path java = javaHome.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, """
                #!/bin/sh
                previous=
                for a in "$@"; do
                    case $a in -XX:ArchiveClassesAtExit=*) echo archive > "${a#-XX:ArchiveClassesAtExit=}" ;; esac
                    if [ "$previous" = --kubeconfig ]; then cat "$a" >> "%s"; fi
                    previous=$a
                done
                printf '%%s\\n' "$*" >> "%s"
                """.formatted(kubeconfigs, calls));
        executable(java);
    }

    @Test
    void trainsAnArchiveOnceThenRunsTheJarWithItAndJavaOptsLast() throws Exception {
        run(root.resolve("shimscan"), Map.of("JAVA_OPTS", "-Xmx256m"), "manifests", "k8s/");
        run(root.resolve("shimscan"), Map.of("JAVA_OPTS", "-Xmx256m"), "manifests", "k8s/");

        Path target = root.resolve("scanner-cli/target").toRealPath();
        String archive = archive("manifests");
        String jar = target.resolve("shimscan.jar").toString();
        List<String> lines = Files.readAllLines(calls);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).as("training run").contains("-XX:ArchiveClassesAtExit=" + archive + ".")
                .contains("-jar " + jar + " manifests " + root.toRealPath().resolve("examples") + " -o json=")
                .contains(" -o sarif=", " -o console=");
        String expected = DEFAULTS + " -XX:SharedArchiveFile=" + archive
                + " -Xlog:cds=off:stderr -Xlog:cds+dynamic=off:stderr -Xmx256m -jar " + jar + " manifests k8s/";
        assertThat(lines.get(1)).isEqualTo(expected);
        assertThat(lines.get(2)).isEqualTo(expected);
    }

    @Test
    void theClusterCommandsTrainAnArchiveOfTheirOwnAgainstAServerThatRefusesAtOnce() throws Exception {
        run(root.resolve("shimscan"), Map.of(), "cluster", "--context", "prod");
        run(root.resolve("shimscan"), Map.of(), "plan", "audit.json");
        run(root.resolve("shimscan"), Map.of(), "manifests", "k8s/");

        String jar = root.toRealPath().resolve("scanner-cli/target/shimscan.jar").toString();
        List<String> lines = Files.readAllLines(calls);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).as("cluster training").contains("-XX:ArchiveClassesAtExit=" + archive("cluster") + ".")
                .contains("-jar " + jar + " cluster --kubeconfig ").contains(" --request-timeout 10s -o json=");
        assertThat(lines.get(1)).contains("-XX:SharedArchiveFile=" + archive("cluster") + " ")
                .endsWith(" cluster --context prod");
        assertThat(lines.get(2)).as("plan: the cluster archive, already trained")
                .contains("-XX:SharedArchiveFile=" + archive("cluster") + " ").endsWith(" plan audit.json");
        assertThat(lines.get(3)).as("manifests training").contains("-XX:ArchiveClassesAtExit=" + archive("manifests"));
        assertThat(lines.get(4)).contains("-XX:SharedArchiveFile=" + archive("manifests") + " ");
        // the training audit's only server is a closed port on the loopback interface
        assertThat(Files.readString(kubeconfigs)).contains("server: \"https://127.0.0.1:1\"")
                .contains("current-context: training").doesNotContain("exec");
        assertThat(root.resolve("scanner-cli/target")).isDirectoryNotContaining("glob:**.work")
                .isDirectoryNotContaining("glob:**.tmp");
    }

    private String archive(String kind) throws IOException {
        return root.resolve("scanner-cli/target").toRealPath().resolve("shimscan-cds-" + kind + javaHome
                .resolve("bin/java").toRealPath().toString().replaceAll("[^A-Za-z0-9.-]", "_") + ".jsa").toString();
    }

    @Test
    void findsItsCheckoutThroughASymlinkAndRunsWithoutArchiveWhenAskedTo() throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("shimscan"), root.resolve("shimscan"));

        run(bin.resolve("shimscan"), Map.of("SHIMSCAN_CDS", "0"), "--version");

        String jar = root.toRealPath().resolve("scanner-cli/target/shimscan.jar").toString();
        assertThat(Files.readAllLines(calls)).containsExactly(
                DEFAULTS + " -jar " + jar + " --version");
    }

    @Test
    void hugePagesOnlyWhereTheKernelOffersThemAndNeitherGcOptionForTheClusterCommands() throws Exception {
        Files.writeString(thpSetting, "always madvise [never]\n");
        run(root.resolve("shimscan"), Map.of("SHIMSCAN_CDS", "0"), "manifests", "k8s/");
        Files.writeString(thpSetting, "[always] madvise never"); // no line break: read still gets it
        run(root.resolve("shimscan"), Map.of("SHIMSCAN_CDS", "0"), "manifests", "k8s/");
        Files.delete(thpSetting);
        run(root.resolve("shimscan"), Map.of("SHIMSCAN_CDS", "0"), "host", "/");
        Files.writeString(thpSetting, "always [madvise] never\n");
        run(root.resolve("shimscan"), Map.of("SHIMSCAN_CDS", "0"), "cluster", "--context", "prod");
        run(root.resolve("shimscan"), Map.of("SHIMSCAN_CDS", "0"), "plan", "audit.json");

        String jar = root.toRealPath().resolve("scanner-cli/target/shimscan.jar").toString();
        String noHugePages = COMMON + " -XX:MaxTenuringThreshold=0";
        assertThat(Files.readAllLines(calls)).containsExactly(
                noHugePages + " -jar " + jar + " manifests k8s/",
                DEFAULTS + " -jar " + jar + " manifests k8s/",
                noHugePages + " -jar " + jar + " host /",
                COMMON + " -jar " + jar + " cluster --context prod",
                COMMON + " -jar " + jar + " plan audit.json");
    }

    @Test
    void aCheckoutWithABlankInItsPathRunsWithoutArchive() throws Exception {
        Path spaced = work.resolve("my checkout");
        Files.move(root, spaced);

        run(spaced.resolve("shimscan"), Map.of(), "manifests", "k8s/");

        String jar = spaced.toRealPath().resolve("scanner-cli/target/shimscan.jar").toString();
        assertThat(Files.readAllLines(calls)).containsExactly(
                DEFAULTS + " -jar " + jar + " manifests k8s/");
    }

    private void run(Path launcher, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add(launcher.toString());
        pb.command().addAll(List.of(args));
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("SHIMSCAN_THP_SETTING", thpSetting.toString());
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
