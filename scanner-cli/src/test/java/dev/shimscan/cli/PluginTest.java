package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleRegistry;
import dev.shimscan.core.testing.ReportSchemaValidator;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin of {@code examples/plugin/} built as its pom would build it, without Maven or a network:
 * its sources compiled with {@link JavaCompiler} against the test class path (shimscan's API), its resources
 * copied, all put in a jar with {@link JarOutputStream}; then loaded from a directory through the CLI.
 */
class PluginTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE_CLASS = "com.example.shimscan.AcmeAgentHostPathRule";

    @TempDir
    static Path work;
    private static Path plugins;

    /** Uses the ACME agent directory (DS901, line 12) next to the Docker socket (DS101, line 15). */
    private static final String MANIFEST = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: acme-agent, namespace: acme}
            spec:
              template:
                spec:
                  containers:
                    - name: agent
                      image: registry.acme.example/agent:7
                  volumes:
                    - name: agent-data
                      hostPath: {path: /opt/acme/agent/data}
                    - name: sock
                      hostPath:
                        path: /var/run/docker.sock
            """;

    @BeforeAll
    static void buildTheExamplePlugin() throws IOException {
        Path example = Cli.projectDir().resolve("examples/plugin");
        plugins = Files.createDirectories(work.resolve("plugins"));
        build(example.resolve("src/main/java"), example.resolve("src/main/resources"),
                plugins.resolve("acme-shimscan-rules-1.0.0.jar"));
    }

    /** javac + jar: the classes of {@code sources} and the files of {@code resources} into {@code jar}. */
    static void build(Path sources, Path resources, Path jar) throws IOException {
        Path classes = Files.createTempDirectory(work, "classes");
        List<String> files;
        try (Stream<Path> s = Files.walk(sources)) {
            files = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK (javax.tools) runs the tests").isNotNull();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-classpath", classPath(),
                "-d", classes.toString()));
        args.addAll(files);
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertThat(status).as("javac: " + diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            add(zip, classes);
            if (resources != null) {
                add(zip, resources);
            }
        }
    }

    private static void add(JarOutputStream zip, Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path p : paths) {
            zip.putNextEntry(new JarEntry(root.relativize(p).toString().replace(File.separatorChar, '/')));
            zip.write(Files.readAllBytes(p));
            zip.closeEntry();
        }
    }

    /** The test class path, and the jars or directories of shimscan's API and Jackson wherever they are. */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        for (Class<?> c : List.of(Rule.class, com.fasterxml.jackson.databind.JsonNode.class)) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private Path manifest(Path dir) {
        Cli.write(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        return Cli.write(dir.resolve("acme.yaml"), MANIFEST);
    }

    private static List<String> findings(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("findings").forEach(f -> out.add(f.path("ruleId").asText() + " " + f.at("/location/line").asInt()
                + " " + f.path("severity").asText() + " " + f.path("message").asText()));
        return out;
    }

    @Test
    void thePluginRuleRunsNextToTheBuiltInOnesWhenItsDirectoryIsGiven(@TempDir Path dir) throws IOException {
        Cli.Run run = Cli.shimscan("--plugins", plugins.toString(), "manifests", manifest(dir).toString(),
                "--format", "json");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        JsonNode report = JSON.readTree(run.out());
        ReportSchemaValidator.assertValid(report);
        assertThat(findings(report)).containsExactly(
                "DS901 12 warning hostPath volume 'agent-data' mounts the ACME agent directory /opt/acme/agent/data",
                "DS101 15 error hostPath volume 'sock' points at the Docker socket /var/run/docker.sock but is not "
                        + "mounted by any container");
        assertThat(report.at("/summary/byRule/DS901").asInt()).isEqualTo(1);

        Cli.Run without = Cli.shimscan("manifests", manifest(dir).toString(), "--format", "json");
        assertThat(findings(JSON.readTree(without.out()))).extracting(f -> f.substring(0, 5)).containsExactly("DS101");
    }

    @Test
    void theOptionWorksAfterTheCommandAndTheVariableWorksWithoutIt(@TempDir Path dir) throws IOException {
        Cli.Run after = Cli.shimscan("manifests", manifest(dir).toString(), "--plugins", plugins.toString(), "--rule",
                "acme-*", "--format", "json");
        assertThat(findings(JSON.readTree(after.out()))).extracting(f -> f.substring(0, 8)).containsExactly("DS901 12");

        Cli.Run variable = Cli.cli().env("SHIMSCAN_PLUGINS", plugins.toString())
                .run("manifests", manifest(dir).toString(), "--rule", "DS901", "--format", "json");
        assertThat(findings(JSON.readTree(variable.out()))).extracting(f -> f.substring(0, 8)).containsExactly("DS901 12");
    }

    @Test
    void rulesListsThePluginRuleWithItsJarAndShowsItsHelp() {
        Cli.Run list = Cli.shimscan("--plugins", plugins.toString(), "rules");
        assertThat(list.exitCode()).as(list.toString()).isEqualTo(0);
        assertThat(list.out()).containsPattern("(?m)^DS901  acme-agent-host-path +warning +manifest, cluster +A hostPath "
                + "volume mounts the ACME node agent's directory /opt/acme/agent, which goes away with Docker Engine\\. "
                + "\\[plugin acme-shimscan-rules-1\\.0\\.0\\.jar]$");
        assertThat(list.out()).contains("DS101  docker-socket-mount").doesNotContain("DS101  docker-socket-mount [plugin");

        Cli.Run one = Cli.shimscan("--plugins", plugins.toString(), "rules", "DS901");
        assertThat(one.out()).contains("  plugin       " + plugins.resolve("acme-shimscan-rules-1.0.0.jar"))
                .contains("# DS901 acme-agent-host-path").contains("acme-csi driver");
    }

    @Test
    void thePluginIsIsolatedAndUnloadedAfterTheRun(@TempDir Path dir) {
        Cli.Run run = Cli.shimscan("--plugins", plugins.toString(), "manifests", manifest(dir).toString());
        assertThat(run.out()).contains("DS901");
        assertThatThrownBy(() -> Class.forName(RULE_CLASS)).isInstanceOf(ClassNotFoundException.class);
        assertThat(RuleRegistry.load().byId("DS901")).isEmpty();
    }

    @Test
    void sarifDescribesThePluginRule(@TempDir Path dir) throws IOException {
        Cli.Run run = Cli.shimscan("--plugins", plugins.toString(), "manifests", manifest(dir).toString(), "-o",
                "sarif=-", "--sarif-root", dir.toString());
        JsonNode sarif = JSON.readTree(run.out());
        List<String> ids = new ArrayList<>();
        sarif.at("/runs/0/tool/driver/rules").forEach(r -> ids.add(r.path("id").asText()));
        assertThat(ids).contains("DS101", "DS901");
        List<String> results = new ArrayList<>();
        sarif.at("/runs/0/results").forEach(r -> results.add(r.path("ruleId").asText()));
        assertThat(results).containsExactlyInAnyOrder("DS901", "DS101");
    }

    @Test
    void aPluginRuleWithTheIdOfABuiltInRuleIsRefused(@TempDir Path dir) throws IOException {
        Path src = Cli.write(dir.resolve("src/com/example/Clash.java"), """
                package com.example;

                import dev.shimscan.core.model.Severity;
                import dev.shimscan.core.model.SourceKind;
                import dev.shimscan.core.resource.Resource;
                import dev.shimscan.core.rule.Rule;
                import dev.shimscan.core.rule.RuleContext;
                import dev.shimscan.core.rule.RuleMeta;
                import java.util.Set;

                public final class Clash implements Rule {
                    public RuleMeta meta() {
                        return new RuleMeta("DS101", "my-socket-rule", Severity.NOTE, Set.of(SourceKind.MANIFEST),
                                "Mine.", "Mine.");
                    }

                    public void check(Resource resource, RuleContext ctx) {
                    }
                }
                """);
        Cli.write(dir.resolve("res/META-INF/services/dev.shimscan.core.rule.Rule"), "com.example.Clash\n");
        Path clashing = Files.createDirectories(dir.resolve("clashing"));
        build(src.getParent().getParent().getParent(), dir.resolve("res"), clashing.resolve("clash.jar"));

        Cli.Run run = Cli.shimscan("--plugins", clashing.toString(), "manifests", manifest(dir).toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("plugin clash.jar: rule com.example.Clash has the id DS101, which the built-in "
                + "rule DS101 docker-socket-mount already has");

        Cli.Run empty = Cli.shimscan("--plugins", dir.resolve("src").toString(), "rules");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("holds no .jar file");
    }
}
