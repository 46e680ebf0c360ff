package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Location;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.report.RenderOptions;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.report.ReportBuilder;
import dev.shimscan.core.report.ToolVersion;
import dev.shimscan.core.rule.RuleRegistry;
import dev.shimscan.core.source.manifest.ContentLoader;
import dev.shimscan.core.source.manifest.ManifestScan;
import dev.shimscan.core.testing.CodeQualityValidator;
import dev.shimscan.core.testing.JUnitXmlValidator;
import dev.shimscan.core.testing.ReportSchemaValidator;
import dev.shimscan.core.testing.SarifSchemaValidator;
import dev.shimscan.core.yaml.ParseLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every format of {@link ReportFormats#standard()} rendered from the scan of {@code examples/}, compared byte for
 * byte with {@code src/test/resources/golden/examples.*}. The scan is the one {@code shimscan manifests examples/}
 * makes from the checkout: file names relative to the checkout, the clock fixed at 2026-01-01T00:00:00Z, the
 * duration set to 0, and the tool version written as {@code @VERSION@}. Each output is also validated (SARIF against
 * the official schema, JSON against docs/report.schema.json, GitLab and JUnit field by field).
 *
 * <p>When a rule, a template or the examples change on purpose, regenerate the files and review the diff:
 * {@value #REGENERATE}
 */
class ReportGoldenTest {
    static final String REGENERATE = "mvn -B -q -pl scanner-cli -am test -Dtest=ReportGoldenTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dshimscan.updateGolden=true";
    private static final Path PROJECT = Cli.projectDir();
    private static final Path GOLDEN = PROJECT.resolve("scanner-cli/src/test/resources/golden");
    private static final Map<String, String> EXTENSIONS = Map.of("console", "txt", "json", "json", "sarif", "sarif",
            "html", "html", "markdown", "md", "gitlab", "gitlab.json", "junit", "junit.xml");

    /** The examples/ scan as {@code shimscan manifests examples/} run from the checkout reports it. */
    static Report examples() {
        ScanResult result = new ManifestScan(RuleRegistry.load().rules(), ContentLoader.standard(InputStream.nullInputStream()),
                1, ParseLimits.DEFAULT, Cli.FIXED).run(List.of(PROJECT.resolve("examples").toString()));
        Report r = ReportBuilder.build(result);
        String prefix = PROJECT.toString() + "/";
        List<Finding> findings = r.findings().stream().map(f -> {
            Location l = f.location();
            Location relative = l == null ? null : new Location(l.file().replace(prefix, ""), l.line(), l.column(),
                    l.endLine(), l.endColumn(), l.documentIndex());
            return new Finding(f.ruleId(), f.severity(), f.message(), f.object(), relative, f.path(), f.container(),
                    f.evidence(), f.remediation(), f.cluster(), f.owner(), f.podCount(), f.fingerprint(), f.suppressed(),
                    f.node());
        }).toList();
        List<ScanProblem> problems = r.coverage().errors().stream().map(p -> new ScanProblem(
                p.file() == null ? null : p.file().replace(prefix, ""), p.line(), p.column(), p.type(), p.message(),
                p.ruleId())).toList();
        return new Report(r.schemaVersion(), r.tool(), new Report.Scan(r.scan().source(), List.of("examples/"),
                r.scan().startedAt(), 0), r.summary(), findings, r.nodes(),
                new Report.Coverage(r.coverage().inspected(), r.coverage().skipped(), problems,
                        r.coverage().notChecked()), r.clusters());
    }

    @TestFactory
    Stream<DynamicTest> everyFormatOfTheExamplesScanMatchesItsGoldenFile() {
        Report report = examples();
        assertThat(report.findings()).isNotEmpty();
        assertThat(report.coverage().errors()).isEmpty();
        ReportFormats formats = ReportFormats.standard();
        assertThat(formats.names()).containsExactlyInAnyOrderElementsOf(EXTENSIONS.keySet());
        return formats.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            List<String> notices = new ArrayList<>();
            FormatSettings settings = new FormatSettings(PROJECT, PROJECT, null, null, false, null,
                    Optional.of(Severity.ERROR), notices::add);
            String actual = render(formats.byName(name).orElseThrow().renderer(settings), report);
            assertThat(render(formats.byName(name).orElseThrow().renderer(settings), report)).as("deterministic")
                    .isEqualTo(actual);
            assertThat(notices).isEmpty();
            validate(name, actual);
            String normalised = actual.replace(ToolVersion.version(), "@VERSION@");
            Path golden = GOLDEN.resolve("examples." + EXTENSIONS.get(name));
            if (Boolean.getBoolean("shimscan.updateGolden")) {
                Files.createDirectories(GOLDEN);
                Files.writeString(golden, normalised, StandardCharsets.UTF_8);
            }
            assertThat(golden).as("golden file " + golden + "; create it with: " + REGENERATE).exists();
            assertThat(normalised).as("the " + name + " report of examples/ differs from " + PROJECT.relativize(golden)
                    + "; if the change is intended, regenerate with: " + REGENERATE)
                    .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        }));
    }

    private static String render(dev.shimscan.core.report.Renderer renderer, Report report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(report, RenderOptions.PLAIN, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The checklist's MUSTs that the schema cannot see, on every result of the examples' SARIF. */
    private static void assertSarifMusts(String text) {
        com.fasterxml.jackson.databind.JsonNode run;
        try {
            run = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text).at("/runs/0");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(text).doesNotStartWith("\uFEFF");
        assertThat(run.path("results")).isNotEmpty();
        List<String> ruleIds = new ArrayList<>();
        run.at("/tool/driver/rules").forEach(r -> ruleIds.add(r.path("id").asText()));
        assertThat(ruleIds).doesNotHaveDuplicates().isSorted();
        for (com.fasterxml.jackson.databind.JsonNode r : run.path("results")) {
            assertThat(r.path("locations")).as("R6 locations").hasSize(1);
            com.fasterxml.jackson.databind.JsonNode loc = r.at("/locations/0/physicalLocation");
            String uri = loc.at("/artifactLocation/uri").asText("");
            assertThat(uri).as("L1-L5 uri").isNotEmpty().startsWith("examples/").doesNotContain("..")
                    .doesNotContain("\\").doesNotContain(" ").doesNotStartWith("/").doesNotContain(":");
            int startLine = loc.at("/region/startLine").asInt();
            int startColumn = loc.at("/region/startColumn").asInt();
            assertThat(startLine).as("L7").isPositive();
            assertThat(startColumn).as("L8").isPositive();
            assertThat(loc.at("/region/endLine").asInt()).as("L9").isGreaterThanOrEqualTo(startLine);
            if (loc.at("/region/endLine").asInt() == startLine) {
                assertThat(loc.at("/region/endColumn").asInt()).as("L9 exclusive end").isGreaterThan(startColumn);
            }
            assertThat(ruleIds.get(r.path("ruleIndex").asInt())).as("R1/R2").isEqualTo(r.path("ruleId").asText());
            assertThat(r.at("/partialFingerprints/primaryLocationLineHash").asText()).as("R9/P1")
                    .matches("[0-9a-f]+:[0-9]+");
            assertThat(r.at("/message/text").asText()).as("R4").isNotBlank();
        }
    }

    private static void validate(String format, String text) {
        switch (format) {
            case "sarif" -> {
                SarifSchemaValidator.assertValid(text);
                assertSarifMusts(text);
            }
            case "json" -> ReportSchemaValidator.assertValid(text);
            case "gitlab" -> CodeQualityValidator.assertValid(text);
            case "junit" -> JUnitXmlValidator.assertValid(text);
            case "html" -> assertThat(text).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
            case "markdown" -> assertThat(text.length()).isLessThan(dev.shimscan.reports.MarkdownRenderer.LIMIT);
            default -> assertThat(text).isNotBlank();
        }
    }
}
