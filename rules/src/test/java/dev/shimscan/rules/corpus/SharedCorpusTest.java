package dev.shimscan.rules.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.report.JsonReportWriter;
import dev.shimscan.core.report.RenderOptions;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.report.ReportBuilder;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.rule.RuleRegistry;
import dev.shimscan.core.source.manifest.ContentLoader;
import dev.shimscan.core.source.manifest.ManifestScan;
import dev.shimscan.core.testing.ReportSchemaValidator;
import dev.shimscan.core.yaml.ParseLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scans every file of the shared corpus ({@code ../shared/corpus}: real public manifests) with every registered
 * rule: each file is read, none gives a problem unless it is listed below as invalid in itself, and the JSON
 * report of the whole corpus matches the published schema. A few facts checked by hand on corpus files (and
 * cross-checked with a second YAML parser) pin down what the scan read.
 */
class SharedCorpusTest {
    /**
     * Corpus files that are invalid in themselves, by path under the corpus, with the reason. Empty: every file of
     * the corpus is valid YAML/JSON (PyYAML and Python's json module read all of them, no duplicate keys).
     */
    private static final Map<String, String> KNOWN_INVALID = Map.of();

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static Path corpus;
    private static List<Rule> registered;
    private static ScanResult result;
    private static String reportJson;

    /** Test probe: reports every object's {@code metadata.name}, so the test can see each object and its line. */
    private static final class NameProbe implements Rule {
        private static final RuleMeta META = new RuleMeta("DS999", "test-name-probe", Severity.NOTE,
                Set.of(SourceKind.MANIFEST), "Reports every object's name.", "None.");

        @Override
        public RuleMeta meta() {
            return META;
        }

        @Override
        public void check(Resource resource, RuleContext ctx) {
            ctx.report(Hit.at(resource.root().at("metadata", "name"), resource.ref().kind()));
        }
    }

    @BeforeAll
    static void scanTheWholeCorpus() throws IOException {
        corpus = sharedDir().resolve("corpus");
        assertThat(corpus).isDirectory();
        registered = RuleRegistry.load().rules();
        result = scan(registered, corpus);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReportWriter().render(ReportBuilder.build(result), RenderOptions.PLAIN, out);
        reportJson = out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyManifestFileIsRead() throws IOException {
        List<Path> manifests;
        try (Stream<Path> walk = Files.walk(corpus)) {
            manifests = walk.filter(Files::isRegularFile).filter(SharedCorpusTest::isManifest).toList();
        }
        assertThat(manifests).hasSizeGreaterThanOrEqualTo(77);
        assertThat(result.filesScanned()).isEqualTo(manifests.size());
    }

    @Test
    void noFileHasProblemsExceptTheKnownInvalidOnes() {
        Map<String, List<String>> problemsByFile = result.problems().stream().collect(Collectors.groupingBy(
                p -> corpusRelative(p.file()), TreeMap::new,
                Collectors.mapping(SharedCorpusTest::describe, Collectors.toList())));
        assertThat(problemsByFile.keySet())
                .as("files with problems: %s", problemsByFile)
                .isEqualTo(KNOWN_INVALID.keySet());
    }

    @Test
    void everyRegisteredRuleRan() {
        Set<String> ran = new TreeSet<>();
        result.rulesRun().forEach(m -> ran.add(m.id()));
        Set<String> manifestRules = new TreeSet<>();
        registered.stream().filter(r -> r.meta().sources().contains(SourceKind.MANIFEST))
                .forEach(r -> manifestRules.add(r.meta().id()));
        assertThat(ran).isEqualTo(manifestRules);
    }

    @Test
    void jsonReportOfTheWholeCorpusMatchesTheSchema() {
        ReportSchemaValidator.assertValid(reportJson);
    }

    @Test
    void objectCountsOfTheWholeCorpusMatchASecondParser() {
        // counted independently with PyYAML / json over the same files (List items expanded)
        Map<String, Integer> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("AmazonCloudWatchAgent", 3), Map.entry("ClusterConfig", 2), Map.entry("ClusterPolicy", 1),
                Map.entry("ClusterRole", 14), Map.entry("ClusterRoleBinding", 14), Map.entry("ConfigMap", 19),
                Map.entry("CronJob", 2), Map.entry("CustomResourceDefinition", 2), Map.entry("DaemonSet", 43),
                Map.entry("Deployment", 9), Map.entry("Job", 1), Map.entry("Namespace", 1), Map.entry("Node", 2),
                Map.entry("Pod", 14), Map.entry("PodSecurityPolicy", 3), Map.entry("PrometheusRule", 1),
                Map.entry("ReplicationController", 1), Map.entry("SecurityContextConstraints", 1),
                Map.entry("Service", 6), Map.entry("ServiceAccount", 14), Map.entry("ServiceMonitor", 1),
                Map.entry("StatefulSet", 1)));
        assertThat(new TreeMap<>(result.objectsByKind())).isEqualTo(expected);
        assertThat(result.documentsSkipped()).isEqualTo(1);
    }

    @Test
    void itemsOfAListFileAreObjectsOfTheirOwnAtTheirOwnLines() {
        assertThat(objectsIn("weave-scope/k8s-scope-list.yaml")).containsExactly(
                "Namespace weave 7:13",
                "ClusterRole weave-scope 13:13",
                "ClusterRoleBinding weave-scope 115:13",
                "Deployment weave-scope-app 130:13",
                "DaemonSet weave-scope-agent 168:13",
                "Deployment weave-scope-cluster-agent 239:13",
                "ServiceAccount weave-scope 289:13",
                "Service weave-scope-app 296:13");
    }

    @Test
    void everyDocumentOfAMultiDocumentFileIsAnObject() {
        assertThat(objectsIn("k8s-examples/guestbook-all-in-one.yaml")).containsExactly(
                "Service redis-master 4:9",
                "Deployment redis-master 21:9",
                "Service redis-replica 49:9",
                "Deployment redis-replica 65:9",
                "Service frontend 101:9",
                "Deployment frontend 120:9");
        assertThat(objectsIn("kops/logging-elasticsearch-v1.7.0.yaml")).hasSize(11)
                .startsWith("ServiceAccount elasticsearch-logging 4:9")
                .endsWith("Service kibana-logging 271:9");
    }

    @Test
    void jsonFilesArePositionedToo() {
        // "name": "minikube" at line 117: the column is the value's text, just after the opening quote
        assertThat(objectsIn("kubescape-regolibrary/node-dockershim-managedfields.json"))
                .containsExactly("Node minikube 117:18");
        assertThat(objectsIn("kubescape-regolibrary/node-containerd-unix-scheme.json"))
                .containsExactly("Node attack-chain-6-control-plane 21:18");
    }

    @Test
    void aConfigFileThatIsNoKubernetesObjectIsSkippedQuietly() {
        ScanResult config = scan(List.of(new NameProbe()), corpus.resolve("kubeaudit/config-sample.yaml"));
        assertThat(config.objectsByKind()).isEmpty();
        assertThat(config.documentsSkipped()).isEqualTo(1);
        assertThat(config.problems()).isEmpty();
    }

    /** The objects of one corpus file as "Kind name line:column" of their {@code metadata.name}, in file order. */
    private static List<String> objectsIn(String corpusFile) {
        ScanResult one = scan(List.of(new NameProbe()), corpus.resolve(corpusFile));
        assertThat(one.problems()).isEmpty();
        return one.findings().stream()
                .map(f -> f.message() + " " + f.evidence() + " " + f.location().line() + ":" + f.location().column())
                .toList();
    }

    private static ScanResult scan(List<Rule> rules, Path target) {
        ManifestScan scan = new ManifestScan(rules, ContentLoader.standard(new ByteArrayInputStream(new byte[0])),
                Runtime.getRuntime().availableProcessors(), ParseLimits.DEFAULT, CLOCK);
        // every file parsed, so that a file the keyword filter would pass over still proves it reads
        return scan.parsingEveryFile().run(List.of(target.toString()));
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static String corpusRelative(String file) {
        if (file == null) {
            return "(no file)";
        }
        String prefix = corpus.toString().replace('\\', '/') + "/";
        return file.startsWith(prefix) ? file.substring(prefix.length()) : file;
    }

    private static String describe(ScanProblem p) {
        return p.type().label() + (p.line() == null ? "" : " at " + p.line() + ":" + p.column()) + ": " + p.message();
    }

    private static Path sharedDir() {
        String configured = System.getProperty("shimscan.shared.dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/corpus"))) {
                return dir.resolve("shared");
            }
        }
        throw new IllegalStateException("cannot find shared/corpus: set -Dshimscan.shared.dir");
    }
}
