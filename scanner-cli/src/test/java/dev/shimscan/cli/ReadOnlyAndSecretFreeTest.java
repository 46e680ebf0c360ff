package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.source.cluster.testing.ApiDispatcher;
import dev.shimscan.core.source.cluster.testing.TestApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command line that talks to a cluster, against the recording test API server ({@code cluster/test-cluster.yaml}
 * over HTTPS on loopback): {@code shimscan cluster} and {@code shimscan plan} with each option that changes what is
 * requested ({@code --all-contexts}, {@code --context}, {@code -n}, {@code --no-configmaps},
 * {@code --no-custom-resources}, {@code --kubelet-config}, {@code --chunk-size}, {@code --max-requests}) and with every
 * report format, {@code -v}, {@code --debug}. For each run, from the server's request log: every request is a
 * {@code GET} without a body, none names a Secret (case-insensitive) or asks to watch, each carries the kubeconfig's
 * token, and the paths read are exactly the ones the options call for. The exit code is asserted exactly, and the
 * token appears in no output and no report. The commands that need no cluster send nothing, even with a kubeconfig
 * at hand.
 */
class ReadOnlyAndSecretFreeTest {
    private static TestApiServer server;
    private static Path kubeconfig;
    private static Path twoContexts;
    private static Path savedReport;

    @TempDir
    static Path dir;

    /** The built-in lists, across all namespaces. */
    private static final List<String> CLUSTER_SCOPED = List.of("/api/v1/nodes");
    private static final List<String> NAMESPACED = List.of("/api/v1/pods", "/api/v1/replicationcontrollers",
            "/api/v1/podtemplates", "/apis/apps/v1/deployments", "/apis/apps/v1/replicasets",
            "/apis/apps/v1/statefulsets", "/apis/apps/v1/daemonsets", "/apis/batch/v1/jobs", "/apis/batch/v1/cronjobs");
    private static final String CONFIGMAPS = "/api/v1/configmaps";
    /** Discovery of the custom resources: the group list, then only the groups shimscan reads (not example.com). */
    private static final List<String> CR_DISCOVERY = List.of("/apis", "/apis/argoproj.io/v1alpha1",
            "/apis/tekton.dev/v1", "/apis/monitoring.coreos.com/v1");
    private static final List<String> CUSTOM_RESOURCES = List.of("/apis/argoproj.io/v1alpha1/workflows",
            "/apis/argoproj.io/v1alpha1/rollouts", "/apis/tekton.dev/v1/tasks",
            "/apis/monitoring.coreos.com/v1/prometheusrules");
    private static final List<String> NODES = List.of("node-containerd-1", "node-containerd-2", "node-cri-dockerd",
            "node-old");

    @BeforeAll
    static void startServer() throws IOException {
        server = TestApiServer.start(0);
        try (InputStream in = ReadOnlyAndSecretFreeTest.class.getResourceAsStream("/cluster/test-cluster.yaml")) {
            server.loadYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), "prod");
        twoContexts = server.writeKubeconfig(dir.resolve("two-contexts"), "eu", "us");
        savedReport = dir.resolve("saved.json");
        Cli.Run saved = Cli.shimscan("cluster", "--kubeconfig", kubeconfig.toString(), "-o", "json=" + savedReport);
        assertThat(saved.exitCode()).as(saved.toString()).isEqualTo(1);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void clean() {
        server.clean();
    }

    /** What the server should be asked for: which lists, in which namespaces, and what else. */
    private record Reads(List<String> namespaces, boolean configMaps, boolean customResources, boolean kubelet) {
        static Reads all() {
            return new Reads(List.of(), true, true, false);
        }

        Reads in(String... ns) {
            return new Reads(List.of(ns), configMaps, customResources, kubelet);
        }

        Reads noConfigMaps() {
            return new Reads(namespaces, false, customResources, kubelet);
        }

        Reads noCustomResources() {
            return new Reads(namespaces, configMaps, false, kubelet);
        }

        Reads kubeletConfig() {
            return new Reads(namespaces, configMaps, customResources, true);
        }

        /** The request paths (without query) these options call for. */
        Set<String> paths() {
            Set<String> out = new TreeSet<>(List.of("/version"));
            out.addAll(CLUSTER_SCOPED);
            List<String> lists = new ArrayList<>(NAMESPACED);
            if (configMaps) {
                lists.add(CONFIGMAPS);
            }
            if (customResources) {
                out.addAll(CR_DISCOVERY);
                lists.addAll(CUSTOM_RESOURCES);
            }
            for (String list : lists) {
                if (namespaces.isEmpty()) {
                    out.add(list);
                } else {
                    int last = list.lastIndexOf('/');
                    namespaces.forEach(ns -> out.add(list.substring(0, last) + "/namespaces/" + ns + list.substring(last)));
                }
            }
            if (kubelet) {
                NODES.forEach(n -> out.add("/api/v1/nodes/" + n + "/proxy/configz"));
            }
            return out;
        }
    }

    /**
     * One command line: its arguments ({@code KUBECONFIG} and {@code OUT} stand for the test's kubeconfig and a fresh
     * report directory), its exit code, what it must read, how many clusters, and whether every list crosses pages.
     */
    record Case(String name, List<String> args, int exit, Reads reads, int clusters, boolean paged) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case cluster(String name, int exit, Reads reads, String... args) {
        List<String> all = new ArrayList<>(List.of("cluster", "--kubeconfig", "KUBECONFIG"));
        all.addAll(Arrays.asList(args));
        return new Case(name, all, exit, reads, 1, all.contains("--chunk-size"));
    }

    private static Case plan(String name, Reads reads, String... args) {
        List<String> all = new ArrayList<>(List.of("plan", "--kubeconfig", "KUBECONFIG"));
        all.addAll(Arrays.asList(args));
        return new Case(name, all, 0, reads, 1, all.contains("--chunk-size"));
    }

    private static Case twoClusters(Case c) {
        List<String> args = new ArrayList<>(c.args());
        args.set(args.indexOf("KUBECONFIG"), "TWO-CONTEXTS");
        return new Case(c.name(), args, c.exit(), c.reads(), 2, c.paged());
    }

    static Stream<Case> commandLines() {
        Reads all = Reads.all();
        List<Case> cases = new ArrayList<>(List.of(
                cluster("cluster (console report on stdout)", 1, all),
                cluster("cluster --chunk-size 1 (every list crosses pages)", 1, all, "--chunk-size", "1"),
                cluster("cluster --fail-on never", 0, all, "--fail-on", "never"),
                cluster("cluster --max-requests 1", 1, all, "--max-requests", "1", "--chunk-size", "1"),
                cluster("cluster --max-requests 4", 1, all, "--max-requests", "4", "--chunk-size", "1"),
                cluster("cluster -n ci", 1, all.in("ci"), "-n", "ci", "--chunk-size", "1"),
                cluster("cluster --namespace ci,kube-system", 1, all.in("ci", "kube-system"),
                        "--namespace", "ci,kube-system"),
                cluster("cluster -n ci -n monitoring --max-requests 1", 1, all.in("ci", "monitoring"),
                        "-n", "ci", "-n", "monitoring", "--max-requests", "1"),
                cluster("cluster --no-configmaps", 1, all.noConfigMaps(), "--no-configmaps"),
                cluster("cluster --no-custom-resources", 1, all.noCustomResources(), "--no-custom-resources"),
                cluster("cluster --no-configmaps --no-custom-resources", 1, all.noConfigMaps().noCustomResources(),
                        "--no-configmaps", "--no-custom-resources", "--chunk-size", "1"),
                // no configz served: DS403 skipped for every node, the error findings still make it 1
                cluster("cluster --kubelet-config", 1, all.kubeletConfig(), "--kubelet-config"),
                cluster("cluster --kubelet-config --fail-on never", 3, all.kubeletConfig(), "--kubelet-config",
                        "--fail-on", "never", "--max-requests", "1"),
                cluster("cluster --kubelet-config -n ci --no-configmaps --no-custom-resources", 1,
                        all.kubeletConfig().in("ci").noConfigMaps().noCustomResources(), "--kubelet-config", "-n", "ci",
                        "--no-configmaps", "--no-custom-resources"),
                cluster("cluster -v", 1, all, "-v", "--chunk-size", "1"),
                cluster("cluster --debug", 1, all, "--debug", "--format", "json"),
                cluster("cluster --context prod", 1, all, "--context", "prod"),
                cluster("cluster -o FORMAT=FILE for every format", 1, all, "-o", "json=OUT/r.json", "-o",
                        "sarif=OUT/r.sarif", "-o", "html=OUT/r.html", "-o", "markdown=OUT/r.md", "-o",
                        "gitlab=OUT/r.gitlab.json", "-o", "junit=OUT/r.xml", "-o", "console=OUT/r.txt", "-v"),
                twoClusters(cluster("cluster --all-contexts", 1, all, "--all-contexts", "--format", "json")),
                twoClusters(cluster("cluster --context eu --context us", 1, all, "--context", "eu", "--context", "us")),
                twoClusters(cluster("cluster --all-contexts with every option that changes a request", 1,
                        all.in("ci").noConfigMaps().kubeletConfig(), "--all-contexts", "-n", "ci", "--no-configmaps",
                        "--kubelet-config", "--chunk-size", "1", "--max-requests", "1", "-v", "-o", "json=OUT/r.json",
                        "-o", "sarif=OUT/r.sarif")),
                plan("plan (Markdown runbook on stdout)", all),
                plan("plan --format html", all, "--format", "html"),
                plan("plan --format markdown --output FILE", all, "--format", "markdown", "--output", "OUT/runbook.md"),
                plan("plan --output FILE.html", all, "--output", "OUT/runbook.html"),
                plan("plan -n ci --chunk-size 1", all.in("ci"), "-n", "ci", "--chunk-size", "1"),
                plan("plan --context prod", all, "--context", "prod"),
                plan("plan -v", all, "-v"),
                twoClusters(plan("plan --all-contexts --debug", all, "--all-contexts", "--debug"))));
        for (String format : ReportFormats.standard().names()) {
            cases.add(cluster("cluster --format " + format, 1, all, "--format", format));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLines")
    void everyRequestIsABodilessGetWithTheTokenNoneNamesASecretOrWatchesAndTheOptionsReadExactlyTheirLists(Case c)
            throws IOException {
        Path out = Files.createTempDirectory(dir, "out");
        List<String> args = new ArrayList<>();
        for (String a : c.args()) {
            args.add(a.replace("TWO-CONTEXTS", twoContexts.toString()).replace("KUBECONFIG", kubeconfig.toString())
                    .replace("OUT/", out + "/"));
        }
        Cli.Run run = Cli.shimscan(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(c.exit());
        try (Stream<Path> files = Files.list(out)) {
            assertThat(!run.out().isBlank() || files.findAny().isPresent()).as("a report or runbook was written")
                    .isTrue();
        }

        List<ApiDispatcher.Request> requests = server.dispatcher().requests();
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.method()).as(r.path()).isEqualTo("GET");
            assertThat(r.bodyBytes()).as(r.path()).isZero();
            assertThat(r.path().toLowerCase(Locale.ROOT)).doesNotContain("secret");
            assertThat(query(r.path())).as(r.path()).doesNotContainKey("watch");
            assertThat(r.authorization()).as(r.path()).isEqualTo("Bearer " + TestApiServer.TOKEN);
        });
        Set<String> paths = new TreeSet<>();
        requests.forEach(r -> paths.add(withoutQuery(r.path())));
        assertThat(paths).isEqualTo(c.reads().paths());
        for (String path : paths) {
            long lists = requests.stream().filter(r -> withoutQuery(r.path()).equals(path)
                    && !query(r.path()).containsKey("continue")).count();
            assertThat(lists).as("each cluster reads %s once", path).isEqualTo(c.clusters());
        }
        if (c.paged()) {
            assertThat(requests).as("chunk size 1: lists cross pages")
                    .anyMatch(r -> r.path().contains("/pods?limit=1&continue="));
        }
        assertThat(server.dispatcher().openSnapshots()).as("every list read to its end").isZero();

        assertThat(run.out()).doesNotContain(TestApiServer.TOKEN);
        assertThat(run.err()).doesNotContain(TestApiServer.TOKEN);
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                assertThat(Files.readString(f)).as(f.toString()).isNotEmpty().doesNotContain(TestApiServer.TOKEN);
            }
        }
    }

    @Test
    void commandsThatNeedNoClusterSendNothingEvenWithAKubeconfigAtHand() throws IOException {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve(".kube"));
        Files.copy(kubeconfig, home.resolve(".kube/config"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path manifest = Cli.write(dir.resolve("k8s/pod.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers: [{name: c, image: busybox, volumeMounts: [{name: s, mountPath: /var/run/docker.sock}]}]
                  volumes: [{name: s, hostPath: {path: /var/run/docker.sock}}]
                """);
        Path hostRoot = Cli.write(dir.resolve("host/etc/docker/daemon.json"), "{\"log-driver\": \"json-file\"}\n")
                .getParent().getParent().getParent();
        Path config = dir.resolve("shimscan.yaml");
        List<String> exits = new ArrayList<>();
        List<List<String>> commandLines = List.of(
                List.of("manifests", manifest.toString()),
                List.of("manifests", manifest.toString(), "--format", "json", "-v"),
                List.of("host", "--root", hostRoot.toString(), "--node-name", "n1"),
                List.of("report", savedReport.toString(), "--format", "markdown"),
                List.of("report", "merge", savedReport.toString(), savedReport.toString()),
                List.of("baseline", "create", "-o", dir.resolve("baseline.json").toString(), "--from",
                        savedReport.toString()),
                List.of("baseline", "create", "-o", dir.resolve("baseline2.json").toString(), manifest.toString()),
                List.of("plan", savedReport.toString()),
                List.of("rules"),
                List.of("rules", "DS101"),
                List.of("config", "init", config.toString()),
                List.of("config", "check", config.toString()),
                List.of("completion", "bash"),
                List.of("--version"),
                List.of("help", "cluster"));
        for (List<String> line : commandLines) {
            Cli.Run run = Cli.cli().env("KUBECONFIG", kubeconfig.toString()).env("HOME", home.toString())
                    .run(line.toArray(String[]::new));
            exits.add(run.exitCode() + " " + line.get(0) + (line.size() > 1 && !line.get(1).contains("/")
                    ? " " + line.get(1) : ""));
            assertThat(server.dispatcher().requests()).as(String.join(" ", line)).isEmpty();
        }
        assertThat(exits).containsExactly("1 manifests", "1 manifests", "0 host --root", "1 report", "1 report merge",
                "0 baseline create", "0 baseline create", "0 plan", "0 rules", "0 rules DS101", "0 config init",
                "0 config check", "0 completion bash", "0 --version", "0 help cluster");
        // and the same kubeconfig does reach the server: the silence above is not a broken setup
        Cli.Run live = Cli.cli().env("KUBECONFIG", kubeconfig.toString()).env("HOME", home.toString())
                .run("cluster", "--no-custom-resources", "--format", "json");
        assertThat(live.exitCode()).isEqualTo(1);
        assertThat(server.dispatcher().requests()).isNotEmpty();
    }

    private static String withoutQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static Map<String, String> query(String path) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        int q = path.indexOf('?');
        if (q >= 0) {
            for (String part : path.substring(q + 1).split("&")) {
                int eq = part.indexOf('=');
                out.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
            }
        }
        return out;
    }
}
