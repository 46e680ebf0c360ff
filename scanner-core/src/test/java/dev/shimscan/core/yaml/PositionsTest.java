package dev.shimscan.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every node's position is its 1-based line and column in the whole file, whatever the YAML looks like. */
class PositionsTest {
    private final DocumentReader reader = new DocumentReader();

    /** "line:column" of the node at {@code path} in document {@code doc}. */
    private static String pos(ParsedFile file, int doc, String path) {
        PositionIndex index = file.documents().get(doc).positions();
        int offset = index.offsetOf(path, null, 0);
        return index.source().lineOf(offset) + ":" + index.source().columnOf(offset);
    }

    private static String posOf(ParsedFile file, int doc, String path, String evidence, int occurrence) {
        PositionIndex index = file.documents().get(doc).positions();
        int offset = index.offsetOf(path, evidence, occurrence);
        return index.source().lineOf(offset) + ":" + index.source().columnOf(offset);
    }

    private ParsedFile yaml(String... lines) {
        return reader.readYaml(new SourceText(String.join("\n", lines) + "\n"));
    }

    @Test
    void leadingSeparatorAndCommentOnlyDocuments() {
        ParsedFile f = yaml(
                "---",                       // 1
                "# only a comment",          // 2
                "---",                       // 3
                "# another",                 // 4
                "---",                       // 5
                "apiVersion: v1",            // 6
                "kind: Pod",                 // 7
                "metadata:",                 // 8
                "  name: a",                 // 9
                "spec:",                     // 10
                "  volumes:",                // 11
                "  - name: s",               // 12
                "    hostPath:",             // 13
                "      path: /var/run/docker.sock"); // 14
        assertThat(f.issues()).isEmpty();
        assertThat(f.documents()).hasSize(1);
        assertThat(f.documents().get(0).index()).isEqualTo(2);
        assertThat(pos(f, 0, "spec.volumes[0].hostPath.path")).isEqualTo("14:13");
        assertThat(pos(f, 0, "metadata.name")).isEqualTo("9:9");
        assertThat(pos(f, 0, "spec.volumes[0]")).isEqualTo("12:5");
    }

    @Test
    void twoIdenticalDeploymentsGetTheirOwnLines() {
        String deployment = String.join("\n",
                "apiVersion: apps/v1",
                "kind: Deployment",
                "metadata:",
                "  name: same",
                "spec:",
                "  template:",
                "    spec:",
                "      volumes:",
                "      - name: sock",
                "        hostPath:",
                "          path: /var/run/docker.sock");
        ParsedFile f = reader.readYaml(new SourceText("---\n" + deployment + "\n---\n" + deployment + "\n"));
        assertThat(f.documents()).hasSize(2);
        String path = "spec.template.spec.volumes[0].hostPath.path";
        assertThat(pos(f, 0, path)).isEqualTo("12:17");
        assertThat(pos(f, 1, path)).isEqualTo("24:17");
    }

    @Test
    void jsonFilePositions() {
        String json = "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\",\n  \"spec\": {\n"
                + "    \"volumes\": [ {\"name\": \"s\", \"hostPath\": {\"path\": \"/run/docker.sock\"}} ]\n  }\n}\n";
        ParsedFile f = reader.readJson(new SourceText(json));
        assertThat(f.issues()).isEmpty();
        assertThat(pos(f, 0, "spec.volumes[0].hostPath.path")).isEqualTo("5:53");
        assertThat(pos(f, 0, "kind")).isEqualTo("3:11");
    }

    @Test
    void listItemsArePositionedInsideTheDocument() {
        ParsedFile f = yaml(
                "apiVersion: v1",                 // 1
                "kind: List",                     // 2
                "items:",                         // 3
                "- apiVersion: v1",               // 4
                "  kind: Pod",                    // 5
                "  metadata: {name: a}",          // 6
                "- apiVersion: v1",               // 7
                "  kind: Pod",                    // 8
                "  metadata:",                    // 9
                "    name: b");                   // 10
        assertThat(pos(f, 0, "items[1].metadata.name")).isEqualTo("10:11");
        assertThat(pos(f, 0, "items[0].metadata.name")).isEqualTo("6:20");
    }

    @Test
    void flowStyle() {
        ParsedFile f = yaml(
                "apiVersion: v1",
                "kind: Pod",
                "spec: {volumes: [{name: s, hostPath: {path: /var/run/docker.sock}}],",
                "       containers: [{name: c, image: busybox}]}");
        assertThat(pos(f, 0, "spec.volumes[0].hostPath.path")).isEqualTo("3:45");
        assertThat(pos(f, 0, "spec.containers[0].image")).isEqualTo("4:38");
    }

    @Test
    void linesInsideLiteralAndFoldedBlockScalars() {
        ParsedFile f = yaml(
                "apiVersion: v1",                                  // 1
                "kind: ConfigMap",                                 // 2
                "data:",                                           // 3
                "  config.toml: |",                                // 4
                "    [[runners]]",                                 // 5
                "      host = \"unix:///var/run/docker.sock\"",    // 6
                "",                                                // 7
                "    [[runners]]",                                 // 8
                "      host = \"unix:///var/run/docker.sock\"",    // 9
                "  note: >",                                       // 10
                "    the agent reads",                             // 11
                "    /var/run/docker.sock today");                 // 12
        String path = "data[\"config.toml\"]";
        assertThat(posOf(f, 0, path, "/var/run/docker.sock", 0)).isEqualTo("6:22");
        assertThat(posOf(f, 0, path, "/var/run/docker.sock", 1)).isEqualTo("9:22");
        assertThat(posOf(f, 0, "data.note", "/var/run/docker.sock", 0)).isEqualTo("12:5");
        // evidence that is not in the source text falls back to the node itself
        assertThat(posOf(f, 0, path, "not there", 0)).isEqualTo("4:16");
    }

    @Test
    void anchorsAliasesAndMergeKeysAreExpandedWithTheirSourcePositions() {
        ParsedFile f = yaml(
                "apiVersion: v1",                           // 1
                "kind: Pod",                                // 2
                "metadata:",                                // 3
                "  name: p",                                // 4
                "  labels: &labels {app: x}",               // 5
                "x-sock: &sock",                            // 6
                "  path: /var/run/docker.sock",             // 7
                "spec:",                                    // 8
                "  volumes:",                               // 9
                "  - name: s",                              // 10
                "    hostPath: *sock",                      // 11
                "  other:",                                 // 12
                "    <<: *labels",                          // 13
                "    own: 1");                              // 14
        assertThat(f.issues()).isEmpty();
        var root = f.documents().get(0).root();
        assertThat(root.at("/spec/volumes/0/hostPath/path").asText()).isEqualTo("/var/run/docker.sock");
        assertThat(pos(f, 0, "spec.volumes[0].hostPath.path")).isEqualTo("7:9");
        assertThat(pos(f, 0, "spec.volumes[0].hostPath")).isEqualTo("11:15");
        assertThat(root.at("/spec/other/app").asText()).isEqualTo("x");
        assertThat(root.at("/spec/other").has("<<")).isFalse();
        assertThat(pos(f, 0, "spec.other.app")).isEqualTo("5:25");
    }

    @Test
    void aliasBombIsStoppedByTheLimit() {
        StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }
        ParsedFile f = reader.readYaml(new SourceText(sb.toString()));
        assertThat(f.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(ParseIssue.Kind.LIMIT);
            assertThat(i.message()).contains("alias");
        });
    }

    @Test
    void syntaxErrorEndsOnlyItsDocument() {
        ParsedFile f = yaml(
                "apiVersion: v1",        // 1
                "kind: Pod",             // 2
                "metadata: {name: a}",   // 3
                "---",                   // 4
                "apiVersion: v1",        // 5
                "kind: Pod",             // 6
                "metadata: [unclosed",   // 7
                "---",                   // 8
                "apiVersion: v1",        // 9
                "kind: Pod",             // 10
                "metadata:",             // 11
                "  name: c");            // 12
        assertThat(f.documents()).extracting(d -> d.root().at("/metadata/name").asText()).containsExactly("a", "c");
        assertThat(f.documents()).extracting(ParsedDocument::index).containsExactly(0, 2);
        assertThat(pos(f, 1, "metadata.name")).isEqualTo("12:9");
        assertThat(f.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(ParseIssue.Kind.SYNTAX);
            assertThat(i.line()).isBetween(7, 8);
        });
    }

    @Test
    void deepNestingIsALimitNotACrash() {
        String deep = "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        ParsedFile f = reader.readYaml(new SourceText(deep));
        assertThat(f.issues()).isNotEmpty();
        assertThat(f.documents()).isEmpty();
    }

    @Test
    void duplicateKeysAreReportedWithTheirLine() {
        ParsedFile f = yaml("apiVersion: v1", "kind: Pod", "kind: Deployment");
        assertThat(f.issues()).extracting(ParseIssue::kind, ParseIssue::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ParseIssue.Kind.DUPLICATE_KEY, 3));
    }

    @Test
    void crlfLineEndingsAndSupplementaryCharacters() {
        String text = "apiVersion: v1\r\nkind: ConfigMap\r\ndata:\r\n  emoji: \"\uD83D\uDE00\uD83D\uDE00\"\r\n"
                + "  sock: /var/run/docker.sock\r\n";
        ParsedFile f = reader.readYaml(new SourceText(text));
        assertThat(f.issues()).isEmpty();
        assertThat(pos(f, 0, "data.sock")).isEqualTo("5:9");
        assertThat(List.of(pos(f, 0, "data.emoji"))).containsExactly("4:10");
    }
}
