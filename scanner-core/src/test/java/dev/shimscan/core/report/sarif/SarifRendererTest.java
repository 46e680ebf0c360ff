package dev.shimscan.core.report.sarif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.report.RenderOptions;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.report.ReportBuilder;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleDoc;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.source.manifest.ContentLoader;
import dev.shimscan.core.source.manifest.ManifestScan;
import dev.shimscan.core.testing.SarifSchemaValidator;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.core.yaml.ParseLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each MUST of shared/SARIF-CHECKLIST.md that our output can break, checked on real scans. */
class SarifRendererTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** Reports every hostPath path whose text contains "docker". */
    static final class DockerPath implements Rule {
        static final RuleMeta META = new RuleMeta("DS101", "docker-socket-mount", Severity.ERROR,
                Set.of(SourceKind.MANIFEST), "a hostPath names docker", "remove it");

        @Override
        public RuleMeta meta() {
            return META;
        }

        @Override
        public void check(Resource resource, RuleContext ctx) {
            walk(resource.root(), ctx);
        }

        private void walk(NodeRef n, RuleContext ctx) {
            for (NodeRef.Field f : n.fields()) {
                if (f.key().equals("hostPath") && f.value().get("path").textOr("").contains("docker")) {
                    ctx.report(Hit.at(f.value().get("path"), "hostPath mounts " + f.value().get("path").textOr("")));
                }
                walk(f.value(), ctx);
            }
            n.elements().forEach(e -> walk(e, ctx));
        }
    }

    static final RuleMeta OTHER = new RuleMeta("DS104", "docker-config-mount", Severity.ERROR,
            Set.of(SourceKind.MANIFEST), "etc docker", "use containerd config");

    private static final String DEPLOYMENT = String.join("\n",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata: {name: agent, namespace: mon}",
            "spec:",
            "  template:",
            "    spec:",
            "      volumes:",
            "      - name: sock",
            "        hostPath:",
            "          path: /var/run/docker.sock",
            "");

    @TempDir
    Path repo;

    private final List<String> notices = new ArrayList<>();

    private Report scan(Path cwd, List<String> targets, String stdin) {
        ContentLoader loader = input -> input.isStdin() ? stdin.getBytes(StandardCharsets.UTF_8)
                : Files.readAllBytes(cwd.resolve(input.path().toString()));
        ScanResult result = new ManifestScan(List.of(new DockerPath()), loader, 2, ParseLimits.DEFAULT, CLOCK)
                .run(targets.stream().map(t -> t.equals("-") ? t : cwd.resolve(t).toString()).toList());
        return ReportBuilder.build(result);
    }

    private String render(Report report, SarifOptions options) throws IOException {
        List<RuleDoc> catalog = List.of(new RuleDoc(OTHER, "# DS104\nhelp", RuleDoc.DOCS_BASE + "DS104.md"),
                new RuleDoc(DockerPath.META, "# DS101\nhelp", RuleDoc.DOCS_BASE + "DS101.md"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SarifRenderer(catalog, options, "0.1.0").render(report, RenderOptions.PLAIN, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private SarifOptions options(Path cwd) {
        return SarifOptions.forRepository(SarifOptions.findRepositoryRoot(cwd), cwd, notices::add);
    }

    @Test
    void multiDocumentFileWithASpaceInItsNameFromASubdirectory() throws IOException {
        Files.createDirectories(repo.resolve(".git"));
        Path dir = Files.createDirectories(repo.resolve("deploy/my app"));
        Files.writeString(dir.resolve("all.yaml"), "---\n" + DEPLOYMENT + "---\n# comment only\n---\n" + DEPLOYMENT);
        Report report = scan(dir, List.of("."), "");
        String sarif = render(report, options(dir));

        SarifSchemaValidator.assertValid(sarif);
        JsonNode log = JSON.readTree(sarif);
        assertThat(sarif).doesNotStartWith("\uFEFF");
        assertThat(log.path("$schema").asText()).endsWith("sarif-2.1.0.json");
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        assertThat(log.path("runs")).hasSize(1);
        JsonNode run = log.path("runs").get(0);
        assertThat(run.path("columnKind").asText()).isEqualTo("utf16CodeUnits");
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("shimscan");
        assertThat(run.at("/tool/driver/rules")).extracting(r -> r.path("id").asText()).containsExactly("DS101", "DS104");
        JsonNode results = run.path("results");
        assertThat(results).hasSize(2);
        for (JsonNode r : results) {
            assertThat(r.path("ruleId").asText()).isEqualTo("DS101");
            assertThat(r.path("ruleIndex").asInt()).isZero();
            assertThat(r.path("level").asText()).isEqualTo("error");
            JsonNode loc = r.at("/locations/0/physicalLocation");
            assertThat(loc.at("/artifactLocation/uri").asText()).isEqualTo("deploy/my%20app/all.yaml");
            assertThat(loc.at("/region/startColumn").asInt()).isEqualTo(17);
            assertThat(loc.at("/region/endColumn").asInt()).isEqualTo(17 + "/var/run/docker.sock".length());
            assertThat(loc.at("/region/endLine").asInt()).isEqualTo(loc.at("/region/startLine").asInt());
            assertThat(r.at("/partialFingerprints/primaryLocationLineHash").asText()).matches("[0-9a-f]+:[0-9]+");
            assertThat(r.at("/message/text").asText()).contains("Deployment/mon/agent")
                    .contains("spec.template.spec.volumes[0].hostPath.path");
        }
        assertThat(results).extracting(r -> r.at("/locations/0/physicalLocation/region/startLine").asInt())
                .containsExactly(11, 24);
        assertThat(results.get(0).at("/partialFingerprints/primaryLocationLineHash").asText())
                .isEqualTo(LineHashes.of(Files.readString(dir.resolve("all.yaml"))).get(11));
        assertThat(notices).isEmpty();
    }

    @Test
    void noFindingsStillHasAResultsArray() throws IOException {
        Files.createDirectories(repo.resolve(".git"));
        Files.writeString(repo.resolve("clean.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");
        String sarif = render(scan(repo, List.of("clean.yaml"), ""), options(repo));
        SarifSchemaValidator.assertValid(sarif);
        JsonNode results = JSON.readTree(sarif).at("/runs/0/results");
        assertThat(results.isArray()).isTrue();
        assertThat(results).isEmpty();
    }

    @Test
    void stdinFindingsAreLeftOutUnlessTheFileIsNamed() throws IOException {
        Files.createDirectories(repo.resolve(".git"));
        Report report = scan(repo, List.of("-"), DEPLOYMENT);
        assertThat(report.findings()).hasSize(1);

        String left = render(report, options(repo));
        SarifSchemaValidator.assertValid(left);
        assertThat(JSON.readTree(left).at("/runs/0/results")).isEmpty();
        assertThat(notices).singleElement().asString().contains("--stdin-path");

        String named = render(report, options(repo).withStdinPath("./charts/rendered all.yaml"));
        SarifSchemaValidator.assertValid(named);
        JsonNode r = JSON.readTree(named).at("/runs/0/results/0");
        assertThat(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("charts/rendered%20all.yaml");
        assertThat(r.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(10);
    }

    @Test
    void filesOutsideTheRepositoryAreLeftOutNeverGivenAnAbsoluteOrEmptyUri() throws IOException {
        Path inner = Files.createDirectories(repo.resolve("inner"));
        Files.createDirectories(inner.resolve(".git"));
        Files.writeString(repo.resolve("outside.yaml"), DEPLOYMENT);
        Report report = scan(inner, List.of("../outside.yaml"), "");
        assertThat(report.findings()).hasSize(1);
        String sarif = render(report, options(inner));
        SarifSchemaValidator.assertValid(sarif);
        assertThat(JSON.readTree(sarif).at("/runs/0/results")).isEmpty();
        assertThat(notices).singleElement().asString().contains("outside the repository root");
    }

    @Test
    void twoFindingsOfOneRuleOnOneLineBecomeOneResult() throws IOException {
        Files.createDirectories(repo.resolve(".git"));
        Files.writeString(repo.resolve("flow.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
                + "spec: {volumes: [{name: a, hostPath: {path: /var/run/docker.sock}}, {name: b, hostPath: {path: /run/docker.sock}}]}\n");
        String sarif = render(scan(repo, List.of("flow.yaml"), ""), options(repo));
        SarifSchemaValidator.assertValid(sarif);
        JsonNode results = JSON.readTree(sarif).at("/runs/0/results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).at("/message/text").asText()).contains("/var/run/docker.sock").contains("Also:")
                .contains("/run/docker.sock");
    }

    @Test
    void outputIsDeterministic() throws IOException {
        Files.createDirectories(repo.resolve(".git"));
        for (int i = 0; i < 5; i++) {
            Files.writeString(repo.resolve("f" + i + ".yaml"), DEPLOYMENT.replace("agent", "agent" + i));
        }
        String a = render(scan(repo, List.of("."), ""), options(repo));
        String b = render(scan(repo, List.of("."), ""), options(repo));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void repositoryUrisAreEncoded() {
        assertThat(RepositoryUris.encode("my app#1?%.yaml")).isEqualTo("my%20app%231%3F%25.yaml");
        assertThat(RepositoryUris.encode("d\u00e9ploiement.yaml")).isEqualTo("d%C3%A9ploiement.yaml");
        assertThat(SarifRenderer.messageOf(new dev.shimscan.core.model.Finding("DS101", Severity.ERROR, "m", null,
                null, null, null, null, null, null, null, null, "f", false))).isEqualTo("m.");
    }
}
