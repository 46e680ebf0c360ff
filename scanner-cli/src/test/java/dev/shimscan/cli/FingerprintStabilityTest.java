package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shimscan.core.engine.ResourceChecker;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.RuleRegistry;
import dev.shimscan.core.source.manifest.FileScan;
import dev.shimscan.core.source.manifest.ManifestFileScanner;
import dev.shimscan.core.yaml.DocumentReader;
import dev.shimscan.core.yaml.ParsedDocument;
import dev.shimscan.core.yaml.SourceText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Baselines compare findings by fingerprint, so a fingerprint must survive what people do to a manifest without
 * changing what it means: {@code fingerprints/reformatted.yaml} is {@code fingerprints/original.yaml} with
 * four-space indentation, keys in another order, flow collections written as block ones and block ones as flow
 * ones, re-indented block scalars, comments everywhere, and everything twenty lines further down; the same objects
 * as JSON with sorted keys are the same too. Every one of the nine findings (in a DaemonSet, in the items of a
 * {@code List}, inside block scalars, two on one line) keeps its fingerprint; renaming the object or moving the
 * evidence to another path changes it.
 */
class FingerprintStabilityTest {
    private static ManifestFileScanner scanner;
    private static String original;

    @BeforeAll
    static void setUp() throws IOException {
        scanner = new ManifestFileScanner(new DocumentReader(),
                new ResourceChecker(RuleRegistry.load().rules(), SourceKind.MANIFEST));
        original = resource("original.yaml");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FingerprintStabilityTest.class.getResourceAsStream("/fingerprints/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Finding> scanYaml(String text) {
        FileScan scan = scanner.scanText("k8s/agent.yaml", false, text);
        assertThat(scan.problems()).isEmpty();
        return scan.findings();
    }

    /** rule + object + path -> fingerprint, with the line for the messages. */
    private static Map<String, String> fingerprints(List<Finding> findings) {
        Map<String, String> out = new TreeMap<>();
        for (Finding f : findings) {
            String key = f.ruleId() + " " + f.object().display() + " " + f.path() + " " + f.evidence();
            assertThat(out).as("one finding per rule, object, path and evidence").doesNotContainKey(key);
            out.put(key, f.fingerprint());
        }
        return out;
    }

    @Test
    void theOriginalHasFindingsInAWorkloadInListItemsAndInBlockScalars() {
        List<Finding> findings = scanYaml(original);
        assertThat(findings).extracting(f -> f.ruleId() + " " + f.object().name() + " " + f.location().line())
                .containsExactlyInAnyOrder(
                        "DS201 log-agent 23",        // inside a block scalar
                        "DS204 log-agent 29",
                        "DS101 log-agent 38",
                        "DS103 log-agent 41",
                        "DS301 debugger 54",         // an item of a List
                        "DS201 debugger 55",         // two findings on one line
                        "DS201 debugger 55",
                        "DS101 debugger 62",
                        "DS701 fluent-bit-config 77"); // inside a block scalar of a List item
    }

    @Test
    void reformattingReorderingReindentingCommentsAndMovingLinesKeepEveryFingerprint() throws IOException {
        List<Finding> before = scanYaml(original);
        List<Finding> after = scanYaml(resource("reformatted.yaml"));
        assertThat(fingerprints(after)).isEqualTo(fingerprints(before));
        assertThat(after).extracting(f -> f.location().line())
                .as("the lines did move").doesNotContainAnyElementsOf(List.of(23, 29, 38, 41, 54, 62, 77));
    }

    @Test
    void theSameObjectsAsJsonWithSortedKeysKeepEveryFingerprint() throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(SerializationFeature.INDENT_OUTPUT);
        List<Finding> fromJson = new ArrayList<>();
        for (ParsedDocument doc : new DocumentReader().readYaml(new SourceText(original)).documents()) {
            Object sorted = json.treeToValue(doc.root(), Object.class);
            String text = json.writeValueAsString(sorted);
            FileScan scan = scanner.scanText("k8s/agent.json", true, text);
            assertThat(scan.problems()).isEmpty();
            fromJson.addAll(scan.findings());
        }
        assertThat(fingerprints(fromJson)).isEqualTo(fingerprints(scanYaml(original)));
    }

    @Test
    void movingTheWholeFileOrPuttingAnotherDocumentFirstKeepsEveryFingerprint() {
        String moved = "apiVersion: v1\nkind: Namespace\nmetadata: {name: logging}\n---\n" + original;
        FileScan scan = scanner.scanText("elsewhere/renamed.yaml", false, moved);
        assertThat(fingerprints(scan.findings())).isEqualTo(fingerprints(scanYaml(original)));
    }

    @Test
    void renamingTheObjectChangesItsFingerprintsAndOnlyItsOwn() {
        Map<String, String> before = byFingerprintKey(scanYaml(original));
        Map<String, String> after = byFingerprintKey(scanYaml(original.replace("name: log-agent", "name: log-shipper")));
        for (Map.Entry<String, String> e : before.entrySet()) {
            String renamedKey = e.getKey().replace("DaemonSet/logging/log-agent", "DaemonSet/logging/log-shipper");
            assertThat(after).containsKey(renamedKey);
            if (e.getKey().contains("log-agent")) {
                assertThat(after.get(renamedKey)).as(e.getKey()).isNotEqualTo(e.getValue());
            } else {
                assertThat(after.get(renamedKey)).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void movingTheEvidenceToAnotherPathChangesItsFingerprint() {
        // the socket volume becomes the second volume: same rule, object and evidence, another path
        String swapped = original.replace("""
                        - name: dockersock
                          hostPath:
                            path: /var/run/docker.sock
                        - name: containers
                          hostPath:
                            path: /var/lib/docker/containers
                """, """
                        - name: containers
                          hostPath:
                            path: /var/lib/docker/containers
                        - name: dockersock
                          hostPath:
                            path: /var/run/docker.sock
                """);
        assertThat(swapped).isNotEqualTo(original);
        Finding before = only(scanYaml(original), "DS101", "log-agent");
        Finding after = only(scanYaml(swapped), "DS101", "log-agent");
        assertThat(after.path()).isEqualTo("spec.template.spec.volumes[1].hostPath.path");
        assertThat(after.fingerprint()).isNotEqualTo(before.fingerprint());

        // the same path with other evidence: another finding too
        Finding otherSocket = only(scanYaml(original.replace("""
                            path: /var/run/docker.sock
                """, """
                            path: /run/docker.sock
                """)), "DS101", "log-agent");
        assertThat(otherSocket.path()).isEqualTo(before.path());
        assertThat(otherSocket.fingerprint()).isNotEqualTo(before.fingerprint());
    }

    private static Map<String, String> byFingerprintKey(List<Finding> findings) {
        return fingerprints(findings);
    }

    private static Finding only(List<Finding> findings, String rule, String name) {
        List<Finding> matching = findings.stream()
                .filter(f -> f.ruleId().equals(rule) && f.object().name().equals(name)).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

}
