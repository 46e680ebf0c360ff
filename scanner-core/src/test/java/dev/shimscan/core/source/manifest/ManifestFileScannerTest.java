package dev.shimscan.core.source.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.shimscan.core.engine.ResourceChecker;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.core.yaml.DocumentReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManifestFileScannerTest {

    /** Reports every {@code hostPath.path} anywhere, so positions can be checked through the real engine. */
    static final class AnyHostPath implements Rule {
        static final RuleMeta META = new RuleMeta("DS900", "any-host-path", Severity.WARNING,
                Set.of(SourceKind.MANIFEST), "test", "test");

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
                if (f.key().equals("hostPath") && f.value().get("path").exists()) {
                    ctx.report(Hit.at(f.value().get("path"), "hostPath " + f.value().get("path").textOr("")));
                }
                walk(f.value(), ctx);
            }
            n.elements().forEach(e -> walk(e, ctx));
        }
    }

    static final class Throwing implements Rule {
        static final RuleMeta META = new RuleMeta("DS901", "throwing", Severity.ERROR,
                Set.of(SourceKind.MANIFEST), "test", "test");

        @Override
        public RuleMeta meta() {
            return META;
        }

        @Override
        public void check(Resource resource, RuleContext ctx) {
            throw new IllegalStateException("boom");
        }
    }

    private final ManifestFileScanner scanner = new ManifestFileScanner(new DocumentReader(),
            new ResourceChecker(List.of(new AnyHostPath()), SourceKind.MANIFEST));

    @Test
    void listItemsAreResourcesOfTheirOwnWithFilePositions() {
        String text = String.join("\n",
                "apiVersion: v1",                     // 1
                "kind: PodList",                      // 2
                "items:",                             // 3
                "- apiVersion: v1",                   // 4
                "  kind: Pod",                        // 5
                "  metadata: {name: a, namespace: x}",// 6
                "  spec:",                            // 7
                "    volumes:",                       // 8
                "    - name: s",                      // 9
                "      hostPath: {path: /run/docker.sock}", // 10
                "- apiVersion: apps/v1",              // 11
                "  kind: DaemonSet",                  // 12
                "  metadata: {generateName: agent-}", // 13
                "  spec:",                            // 14
                "    template:",                      // 15
                "      spec:",                        // 16
                "        volumes:",                   // 17
                "        - name: s",                  // 18
                "          hostPath:",                // 19
                "            path: /var/run/docker.sock") + "\n"; // 20
        FileScan scan = scanner.scanText("dump.yaml", false, text);
        assertThat(scan.problems()).isEmpty();
        assertThat(scan.objectsByKind()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("Pod", 1, "DaemonSet", 1));
        assertThat(scan.findings())
                .extracting(f -> f.object().kind(), f -> f.object().name(), f -> f.object().namespace(), Finding::path,
                        f -> f.location().line(), f -> f.location().column())
                .containsExactly(
                        tuple("Pod", "a", "x", "spec.volumes[0].hostPath.path", 10, 24),
                        tuple("DaemonSet", "agent-", null, "spec.template.spec.volumes[0].hostPath.path", 20, 19));
        assertThat(scan.findings()).allSatisfy(f -> assertThat(f.location().documentIndex()).isZero());
    }

    @Test
    void documentsThatAreNotKubernetesObjectsAreCountedNotReported() {
        FileScan scan = scanner.scanText("values.yaml", false, "replicaCount: 1\nimage:\n  repository: nginx\n");
        assertThat(scan.problems()).isEmpty();
        assertThat(scan.findings()).isEmpty();
        assertThat(scan.documentsSkipped()).isEqualTo(1);
        assertThat(scan.objectsByKind()).isEmpty();
    }

    @Test
    void unrenderedHelmTemplateIsOneClearProblem() {
        String text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"x.fullname\" . }}\n"
                + "{{- if .Values.sock }}\nspec: {}\n{{- end }}\n";
        FileScan scan = scanner.scanText("chart/templates/deploy.yaml", false, text);
        assertThat(scan.findings()).isEmpty();
        assertThat(scan.problems()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(ScanProblem.Type.HELM_TEMPLATE);
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("helm template");
        });
    }

    @Test
    void goTemplatesInsideBlockScalarsAreNotHelm() {
        String text = "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: r}\nspec:\n"
                + "  description: |\n    {{ $labels.instance }} is down\n";
        FileScan scan = scanner.scanText("rule.yaml", false, text);
        assertThat(scan.problems()).isEmpty();
        assertThat(scan.objectsByKind()).containsEntry("PrometheusRule", 1);
    }

    @Test
    void binaryAndBadlyEncodedFiles() {
        FileScan binary = scanner.scanBytes("x.yaml", false, new byte[] {'a', ':', 0, 1, 2});
        assertThat(binary.problems()).extracting(ScanProblem::type, ScanProblem::file)
                .containsExactly(tuple(ScanProblem.Type.IO, "x.yaml"));
        assertThat(binary.problems().get(0).message()).contains("binary");

        byte[] latin1 = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1);
        FileScan bad = scanner.scanBytes("l.yaml", false, latin1);
        assertThat(bad.problems()).extracting(ScanProblem::type).containsExactly(ScanProblem.Type.PARSE);
        assertThat(bad.objectsByKind()).containsEntry("ConfigMap", 1);

        byte[] utf16 = "\uFEFFapiVersion: v1\nkind: ConfigMap\nmetadata: {name: u}\n".getBytes(StandardCharsets.UTF_16BE);
        FileScan wide = scanner.scanBytes("w.yaml", false, utf16);
        assertThat(wide.problems()).isEmpty();
        assertThat(wide.objectsByKind()).containsEntry("ConfigMap", 1);
    }

    @Test
    void aRuleThatThrowsBecomesAProblemAndOtherRulesStillRun() {
        ManifestFileScanner both = new ManifestFileScanner(new DocumentReader(),
                new ResourceChecker(List.of(new Throwing(), new AnyHostPath()), SourceKind.MANIFEST));
        FileScan scan = both.scanText("p.yaml", false,
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  volumes: [{name: s, hostPath: {path: /x}}]\n");
        assertThat(scan.findings()).extracting(Finding::ruleId).containsExactly("DS900");
        assertThat(scan.problems()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(ScanProblem.Type.RULE_ERROR);
            assertThat(p.ruleId()).isEqualTo("DS901");
            assertThat(p.message()).contains("Pod/p").contains("boom");
        });
    }

    @Test
    void aRuleKeepsAtMostAThousandFindingsOnOneObjectAndTheRestAreCountedAsALimitProblem() {
        StringBuilder text = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: many}\ndata:\n");
        for (int i = 0; i < 1_500; i++) {
            text.append("  k").append(i).append(": /x\n");
        }
        text.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: few}\ndata: {a: /x, b: /x}\n");
        ManifestFileScanner everyString = new ManifestFileScanner(new DocumentReader(),
                new ResourceChecker(List.of(new AnyString()), SourceKind.MANIFEST));

        FileScan scan = everyString.scanText("m.yaml", false, text.toString());

        assertThat(scan.findings()).hasSize(1_002);
        assertThat(scan.findings().get(999).path()).isEqualTo("data.k999");
        assertThat(scan.findings().subList(1_000, 1_002)).extracting(Finding::path).containsExactly("data.a", "data.b");
        assertThat(scan.problems()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(ScanProblem.Type.LIMIT);
            assertThat(p.ruleId()).isEqualTo("DS902");
            assertThat(p.file()).isEqualTo("m.yaml");
            assertThat(p.message()).isEqualTo("rule DS902 found 1500 dependencies in ConfigMap/many; the first 1000 "
                    + "are listed, 500 are left out");
        });
    }

    @Test
    void fingerprintIgnoresLinesButNotIdentity() {
        String a = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  volumes: [{name: s, hostPath: {path: /x}}]\n";
        String moved = "# moved\n\n\n" + a.replace("metadata: {name: p}", "metadata:\n  name: p");
        String renamed = a.replace("name: p", "name: q");
        String fa = scanner.scanText("a.yaml", false, a).findings().get(0).fingerprint();
        String fm = scanner.scanText("b.yaml", false, moved).findings().get(0).fingerprint();
        String fr = scanner.scanText("a.yaml", false, renamed).findings().get(0).fingerprint();
        assertThat(fm).isEqualTo(fa);
        assertThat(fr).isNotEqualTo(fa);
    }

    @Test
    void regionCoversTheEvidenceOnOneLine() {
        String json = "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"j\"},\n"
                + " \"spec\": {\"volumes\": [{\"name\": \"s\", \"hostPath\": {\"path\": \"/run/docker.sock\"}}]}}\n";
        Finding f = scanner.scanText("p.json", true, json).findings().get(0);
        // the region is the path text inside the quotes: columns 59..75 (end exclusive)
        assertThat(f.location()).extracting(l -> l.line(), l -> l.column(), l -> l.endLine(), l -> l.endColumn())
                .containsExactly(2, 59, 2, 75);
        String yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: y}\nspec:\n  volumes:\n  - name: s\n"
                + "    hostPath:\n      path: '/var/run/docker.sock'   # trailing comment\n";
        Finding g = scanner.scanText("p.yaml", false, yaml).findings().get(0);
        assertThat(g.location()).extracting(l -> l.line(), l -> l.column(), l -> l.endColumn())
                .containsExactly(8, 14, 34);
    }

    @Test
    void kubectlsLastAppliedCopyIsNotScannedASecondTime() {
        String text = String.join("\n",
                "apiVersion: v1",
                "kind: Pod",
                "metadata:",
                "  name: p",
                "  annotations:",
                "    kubectl.kubernetes.io/last-applied-configuration: |",
                "      {\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"spec\":{\"volumes\":[{\"name\":\"s\",\"hostPath\":{\"path\":\"/x\"}}]}}",
                "spec:",
                "  volumes: [{name: s, hostPath: {path: /x}}]") + "\n";
        ManifestFileScanner everyString = new ManifestFileScanner(new DocumentReader(),
                new ResourceChecker(List.of(new AnyString()), SourceKind.MANIFEST));
        assertThat(everyString.scanText("p.yaml", false, text).findings()).extracting(Finding::path)
                .containsExactly("spec.volumes[0].hostPath.path");
    }

    /** Reports every string that contains "hostPath" or is "/x", wherever it sits. */
    static final class AnyString implements Rule {
        static final RuleMeta META = new RuleMeta("DS902", "any-string", Severity.NOTE,
                Set.of(SourceKind.MANIFEST), "test", "test");

        @Override
        public RuleMeta meta() {
            return META;
        }

        @Override
        public void check(Resource resource, RuleContext ctx) {
            walk(resource.root(), ctx);
        }

        private void walk(NodeRef n, RuleContext ctx) {
            if (n.isScalar() && (n.textOr("").contains("hostPath") || n.textOr("").equals("/x"))) {
                ctx.report(Hit.at(n, "string"));
            }
            n.fields().forEach(f -> walk(f.value(), ctx));
            n.elements().forEach(e -> walk(e, ctx));
        }
    }
}
