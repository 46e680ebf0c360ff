package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.source.cluster.testing.TestApiServer;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials never reach stdout, stderr, logs or reports. One child JVM runs a series of {@code shimscan cluster} and
 * {@code shimscan plan} command lines ({@link SeveralRuns}) with {@code -v} or {@code --debug}, every report format
 * written, and OkHttp's logging ({@code java.util.logging}) at {@code ALL}; the test reads everything the process
 * printed and every report file. The credentials: a bearer token in the kubeconfig, a
 * client certificate and its key ({@code client-key-data}), and a token from an exec credential plugin (a shell
 * script). The failure paths where a credential would most likely end up in a message are run too: a server that
 * answers 401 (and 500) repeating the Authorization header in its message, an unreachable server, a TLS failure, a
 * plugin that prints a bare token instead of an ExecCredential, a broken client key. Each credential is shown to have
 * been sent (the token in the Authorization header, the certificate in the TLS handshake), so the absence means
 * something.
 */
class CredentialLeakTest {
    private static final String BEARER = "shimscan-canary-bearer-5e0c2f7b91d4";
    private static final String EXEC = "shimscan-canary-exec-a83f16c0d25e";
    private static final String BARE = "shimscan-canary-bare-7d41e9b2c6f0";

    @TempDir
    static Path dir;

    private static TestApiServer server;
    private static SelfSignedCertificate client;
    private static final Map<String, RecordingFront> fronts = new LinkedHashMap<>();
    private static final List<Run> runs = new ArrayList<>();
    private static String stdout;
    private static String stderr;
    private static List<Integer> exitCodes;

    /** One command line of the child process, and the directory of its reports. */
    private record Run(String name, List<String> args, Path reports) {
    }

    @BeforeAll
    static void runEverythingInOneProcess() throws Exception {
        server = TestApiServer.start(0);
        try (InputStream in = CredentialLeakTest.class.getResourceAsStream("/cluster/test-cluster.yaml")) {
            server.loadYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        client = SelfSignedCertificate.create("shimscan-auditor");
        Path certificate = Path.of(client.certificatePath());
        for (String name : List.of("token", "exec", "plan")) {
            fronts.put(name, new RecordingFront(server, true, null, Map.of()));
        }
        fronts.put("cert", new RecordingFront(server, true, certificate, Map.of()));
        fronts.put("401", new RecordingFront(server, false, null, Map.of("/", 401)));
        fronts.put("partly", new RecordingFront(server, true, null, Map.of("/apis/apps/v1/deployments", 401,
                "/apis/batch/v1/jobs", 500)));
        fronts.put("tls", new RecordingFront(server, true, null, Map.of()));
        fronts.put("setup", new RecordingFront(server, true, null, Map.of()));

        String token = "    token: " + BEARER + "\n";
        String exec = "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: "
                + plugin("exec-plugin", "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                + "\"status\":{\"token\":\"" + EXEC + "\"}}") + "\n      interactiveMode: Never\n";
        String bare = "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: "
                + plugin("bare-plugin", BARE) + "\n      interactiveMode: Never\n";
        String cert = "    client-certificate-data: " + base64(Files.readString(certificate)) + "\n"
                + "    client-key-data: " + base64(Files.readString(Path.of(client.privateKeyPath()))) + "\n";
        String brokenKey = "    client-certificate-data: " + base64(Files.readString(certificate)) + "\n"
                + "    client-key-data: " + base64(Files.readString(Path.of(client.privateKeyPath()))).substring(0, 200)
                + "\n";

        run("token, every format, -v", List.of("cluster", "--kubeconfig",
                kubeconfig("token", front("token"), token), "-v", "--chunk-size", "1"), true);
        run("exec plugin, every format, --debug", List.of("cluster", "--kubeconfig",
                kubeconfig("exec", front("exec"), exec), "--debug"), true);
        run("client certificate, every format, -v", List.of("cluster", "--kubeconfig",
                kubeconfig("cert", front("cert"), cert), "-v"), true);
        run("token rejected with 401", List.of("cluster", "--kubeconfig", kubeconfig("rejected", front("401"), token),
                "-v"), true);
        run("exec token rejected with 401", List.of("cluster", "--kubeconfig",
                kubeconfig("exec-rejected", front("401"), exec), "--debug"), true);
        run("401 and 500 on some lists", List.of("cluster", "--kubeconfig",
                kubeconfig("partly", front("partly"), token), "-v", "--fail-on", "never"), true);
        run("unreachable server", List.of("cluster", "--kubeconfig",
                kubeconfig("unreachable", new Server("https://127.0.0.1:1", server.certificate()),
                        token), "-v", "--request-timeout", "2s"), true);
        run("TLS failure (the server's certificate is not the CA's)", List.of("cluster", "--kubeconfig",
                kubeconfig("tls", new Server(fronts.get("tls").url(), certificate), token), "-v"), true);
        run("plugin printing a bare token", List.of("cluster", "--kubeconfig", kubeconfig("bare", front("setup"), bare),
                "--debug"), true);
        run("broken client key", List.of("cluster", "--kubeconfig", kubeconfig("broken-key", front("setup"), brokenKey),
                "-v"), true);
        run("two contexts, one plugin printing a bare token", List.of("cluster", "--kubeconfig",
                twoContexts("good", front("token"), token, "bare", front("setup"), bare), "--all-contexts", "-v"), true);
        run("plan, exec plugin", List.of("plan", "--kubeconfig", kubeconfig("plan", front("plan"), exec), "-v"), false);
        run("plan --format html, token rejected with 401", List.of("plan", "--kubeconfig",
                kubeconfig("plan-rejected", front("401"), token), "--format", "html", "--debug"), false);

        Path commands = dir.resolve("commands.txt");
        Files.write(commands, runs.stream().map(r -> String.join("\t", r.args())).toList(), StandardCharsets.UTF_8);
        Path codes = dir.resolve("exit-codes.txt");
        Path logging = Files.writeString(dir.resolve("logging.properties"), """
                handlers = java.util.logging.ConsoleHandler
                java.util.logging.ConsoleHandler.level = ALL
                okhttp3.level = ALL
                """);
        Path home = Files.createDirectories(dir.resolve("home"));
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // a short-lived process: the quick compiler is enough
                "-Djava.util.logging.config.file=" + logging,
                "-cp", System.getProperty("java.class.path"), SeveralRuns.class.getName(), commands.toString(),
                codes.toString())
                .directory(home.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        child.environment().remove("KUBECONFIG");
        child.environment().put("HOME", home.toString());
        Process process = child.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the child process finished").isTrue();
        stdout = Files.readString(dir.resolve("stdout.txt"));
        stderr = Files.readString(dir.resolve("stderr.txt"));
        assertThat(process.exitValue()).as(stderr).isZero();
        exitCodes = Files.readAllLines(codes).stream().map(Integer::parseInt).toList();
    }

    @AfterAll
    static void stop() {
        fronts.values().forEach(RecordingFront::close);
        if (server != null) {
            server.close();
        }
        if (client != null) {
            client.delete();
        }
    }

    private record Server(String url, Path ca) {
    }

    private static Server front(String name) {
        RecordingFront f = fronts.get(name);
        return new Server(f.url(), f.certificate());
    }

    /** Adds a command line; with {@code everyFormat}, a report in each format to a directory of its own. */
    private static void run(String name, List<String> args, boolean everyFormat) throws IOException {
        Path out = Files.createDirectories(dir.resolve("reports-" + runs.size()));
        List<String> all = new ArrayList<>(args);
        if (everyFormat) {
            for (String f : List.of("json=r.json", "sarif=r.sarif", "html=r.html", "markdown=r.md",
                    "gitlab=r.gitlab.json", "junit=r.xml", "console=r.txt")) {
                all.add("-o");
                all.add(f.replace("=", "=" + out + File.separator));
            }
            all.add("-o");
            all.add("console"); // and on stdout
        }
        runs.add(new Run(name, all, out));
    }

    private static String kubeconfig(String name, Server server, String user) throws IOException {
        return twoContexts(name, server, user, null, null, null);
    }

    /** A kubeconfig with one or two contexts, each with its own cluster and user; the first is current. */
    private static String twoContexts(String name, Server server, String user, String name2, Server server2,
                                      String user2) throws IOException {
        StringBuilder clusters = new StringBuilder("clusters:\n");
        StringBuilder users = new StringBuilder("users:\n");
        StringBuilder contexts = new StringBuilder("contexts:\n");
        for (int i = 0; i < (name2 == null ? 1 : 2); i++) {
            String n = i == 0 ? name : name2;
            Server s = i == 0 ? server : server2;
            clusters.append("- name: ").append(n).append("\n  cluster:\n    server: ").append(s.url())
                    .append("\n    certificate-authority: ").append(s.ca()).append('\n');
            users.append("- name: ").append(n).append("\n  user:\n").append(i == 0 ? user : user2);
            contexts.append("- name: ").append(n).append("\n  context:\n    cluster: ").append(n).append("\n    user: ")
                    .append(n).append('\n');
        }
        Path file = dir.resolve("kubeconfig-" + name);
        Files.writeString(file, "apiVersion: v1\nkind: Config\ncurrent-context: " + name + "\n" + clusters + users
                + contexts, StandardCharsets.UTF_8);
        return file.toString();
    }

    /** An exec credential plugin: a shell script that prints {@code output}. */
    private static Path plugin(String name, String output) throws IOException {
        Path script = dir.resolve(name + ".sh");
        Files.writeString(script, "#!/bin/sh\ncat <<'EOF'\n" + output + "\nEOF\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** What run {@code i} printed on one stream. */
    private static String section(String stream, int i) {
        String start = String.format(SeveralRuns.MARKER, i);
        String end = String.format(SeveralRuns.MARKER, i + 1);
        int from = stream.indexOf(start);
        int to = stream.indexOf(end);
        return stream.substring(from + start.length(), to < 0 ? stream.length() : to);
    }

    /** The credentials as they could appear in any output: whole, base64 as in the kubeconfig, the PEM body. */
    private static Map<String, String> secrets() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("kubeconfig token", BEARER);
        out.put("exec plugin token", EXEC);
        out.put("bare token printed by a plugin", BARE);
        String pem = Files.readString(Path.of(client.privateKeyPath()));
        out.put("client-key-data", base64(pem));
        out.put("broken client-key-data", base64(pem).substring(0, 200));
        List<String> body = pem.lines().filter(l -> !l.startsWith("-----") && !l.isBlank()).toList();
        out.put("key PEM body", String.join("", body));
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i).length() >= 16) {
                out.put("key PEM line " + (i + 1), body.get(i));
            }
        }
        return out;
    }

    /** The lines run {@code i} printed on stderr as shimscan (OkHttp's log lines come between them). */
    private static List<String> said(int i) {
        return section(stderr, i).lines().filter(l -> l.startsWith("shimscan: ")).toList();
    }

    @Test
    void noCredentialIsInStdoutStderrOrAnyReportEvenAtVerboseWithLoggingOn() throws IOException {
        int reportFiles = 0;
        Map<String, String> secrets = secrets();
        assertThat(secrets).hasSizeGreaterThan(20);
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            assertThat(stdout).as("stdout holds the %s", secret.getKey()).doesNotContain(secret.getValue());
            assertThat(stderr).as("stderr holds the %s", secret.getKey()).doesNotContain(secret.getValue());
        }
        for (Run run : runs) {
            try (Stream<Path> files = Files.walk(run.reports())) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(file);
                    assertThat(text).as(file.toString()).isNotBlank();
                    for (Map.Entry<String, String> secret : secrets.entrySet()) {
                        assertThat(text).as("%s (%s) holds the %s", file.getFileName(), run.name(), secret.getKey())
                                .doesNotContain(secret.getValue());
                    }
                    reportFiles++;
                }
            }
        }
        assertThat(reportFiles).as("7 formats from each of the 5 runs that got as far as a report").isEqualTo(35);
        // the process kept nothing in its working directory (its HOME): no log file, no credential cache
        try (Stream<Path> left = Files.list(dir.resolve("home"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void eachRunEndsWithItsExitCodeAndItsFailureIsNamedWithoutTheCredential() throws IOException {
        assertThat(exitCodes).as(stderr).containsExactly(1, 1, 1, 2, 2, 3, 2, 2, 2, 2, 1, 0, 2);
        assertThat(section(stdout, 0)).contains("Nodes on Docker Engine", "DaemonSet/monitoring/log-agent");
        assertThat(section(stdout, 11)).contains("# Migration runbook: Docker Engine to containerd");
        String server = "\\(server https://[^)]+\\)";
        assertThat(said(3)).singleElement().asString().matches("shimscan: cannot audit context rejected " + server
                + ": credentials rejected \\(HTTP 401\\): the token or client certificate of context rejected has "
                + "expired or is not valid for this cluster");
        assertThat(said(4)).singleElement().asString().matches("shimscan: cannot audit context exec-rejected "
                + server + ": credentials rejected \\(HTTP 401\\): .*");
        assertThat(said(6)).singleElement().asString()
                .matches("shimscan: cannot audit context unreachable " + server + ": connection refused");
        assertThat(said(7)).singleElement().asString()
                .matches("shimscan: cannot audit context tls " + server + ": TLS: .*");
        String withheld = "cannot set up the client: the credentials could not be loaded (%s; its message is not "
                + "shown, as it may quote them): check the user's token, client certificate and key, or exec plugin "
                + "in the kubeconfig";
        assertThat(said(8)).containsExactly("shimscan: cannot audit context bare: "
                + String.format(withheld, "IllegalStateException"));
        assertThat(said(9)).containsExactly("shimscan: cannot audit context broken-key: "
                + String.format(withheld, "RuntimeException"));
        assertThat(said(12)).singleElement().asString().matches("shimscan: cannot audit context plan-rejected "
                + server + ": credentials rejected \\(HTTP 401\\): .*");

        // what the server said back, quoting the Authorization header, is in the report without the token
        com.fasterxml.jackson.databind.JsonNode partly = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(runs.get(5).reports().resolve("r.json").toFile());
        assertThat(partly.at("/coverage/skipped").toString()).isEqualTo("[{\"kind\":\"Deployment\",\"namespace\":"
                + "\"*\",\"reason\":\"credentials rejected (HTTP 401)\"},{\"kind\":\"Job\",\"namespace\":\"*\",\"reason\":\"GET "
                + "/apis/batch/v1/jobs: HTTP 500 after 6 tries (rejected, Authorization was: [credential withheld])\"}]");
        // one context's plugin failed, the other was audited; the failure is in the report, without the token
        com.fasterxml.jackson.databind.JsonNode two = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(runs.get(10).reports().resolve("r.json").toFile());
        assertThat(two.at("/scan/targets").toString()).isEqualTo("[\"good\",\"bare\"]");
        assertThat(two.at("/coverage/skipped/0/reason").asText()).isEqualTo("cannot audit context bare: "
                + String.format(withheld, "IllegalStateException"));
        assertThat(two.at("/clusters/0/name").asText()).isEqualTo("good");
    }

    @Test
    void eachCredentialWasSentSoItsAbsenceFromTheOutputMeansSomething() {
        assertThat(fronts.get("token").seen()).hasSizeGreaterThan(40).allSatisfy(r -> {
            assertThat(r.authorization()).isEqualTo("Bearer " + BEARER);
            assertThat(r.clientCertificate()).isNull();
        });
        assertThat(fronts.get("exec").seen()).hasSizeGreaterThan(15)
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + EXEC));
        assertThat(fronts.get("plan").seen()).hasSizeGreaterThan(15)
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + EXEC));
        assertThat(fronts.get("cert").seen()).hasSizeGreaterThan(15).allSatisfy(r -> {
            assertThat(r.clientCertificate()).isEqualTo("CN=shimscan-auditor");
            assertThat(r.authorization()).isNull();
        });
        assertThat(fronts.get("401").seen()).extracting(RecordingFront.Seen::authorization)
                .containsExactlyInAnyOrder("Bearer " + BEARER, "Bearer " + EXEC, "Bearer " + BEARER);
        assertThat(fronts.get("partly").seen()).hasSizeGreaterThan(20)
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + BEARER))
                .filteredOn(r -> r.path().startsWith("/apis/batch/v1/jobs")).hasSize(6);
        assertThat(fronts.get("tls").seen()).as("the handshake failed: nothing was sent").isEmpty();
        assertThat(fronts.get("setup").seen()).as("no client, no request").isEmpty();
        for (RecordingFront front : fronts.values()) {
            assertThat(front.seen()).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("GET");
                assertThat(r.bodyBytes()).isZero();
                assertThat(r.path().toLowerCase(java.util.Locale.ROOT)).doesNotContain("secret", "watch=");
            });
        }
    }

    /**
     * OkHttp's own logging was on in the child process (its lines are in stderr) and shows no header; the client
     * shimscan builds has no HTTP logging interceptor and client-java's debugging off, {@code -v} or not.
     */
    @Test
    void verboseTurnsOnNoHttpLoggingAndTheClientHasNoLoggingInterceptor() throws Exception {
        assertThat(stderr).as("OkHttp logged at FINE in the child").contains("FINE: ").contains("OkHttp");
        assertThat(stderr.toLowerCase(java.util.Locale.ROOT)).doesNotContain("authorization", "bearer");
        for (String context : List.of("token", "exec", "cert")) {
            var targets = new dev.shimscan.core.source.cluster.ClusterTargets(Map.of(), dir)
                    .resolve(new dev.shimscan.core.source.cluster.ConnectionOptions(
                            Path.of(dir.resolve("kubeconfig-" + context).toString()), List.of(), false));
            io.kubernetes.client.openapi.ApiClient api = targets.get(0).connector().connect(java.time.Duration.ofSeconds(5));
            assertThat(api.isDebugging()).isFalse();
            List<Object> interceptors = new ArrayList<>(api.getHttpClient().interceptors());
            interceptors.addAll(api.getHttpClient().networkInterceptors());
            assertThat(interceptors).extracting(i -> i.getClass().getName())
                    .doesNotContain("okhttp3.logging.HttpLoggingInterceptor");
        }
    }
}
