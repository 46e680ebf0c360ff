package dev.shimscan.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shimscan.core.tree.ObjectPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link CommonYamlReader} against SnakeYAML through Jackson ({@link DocumentReader#readYamlWithSnakeYaml}): on
 * every text the common reader accepts, the documents, node types, values and spans must be the same, and SnakeYAML
 * must report no problem; texts outside its subset must be given up on, not read differently.
 */
class CommonYamlReaderTest {
    private static final DocumentReader SNAKE = new DocumentReader();

    /** Every node of every document with its type, value and span, and every issue, one per line. */
    private static String render(List<ParsedDocument> documents, List<ParseIssue> issues) {
        StringBuilder sb = new StringBuilder();
        for (ParsedDocument d : documents) {
            sb.append("document ").append(d.index()).append('\n');
            render(d.root(), "", d.positions(), sb);
        }
        issues.forEach(i -> sb.append("issue ").append(i).append('\n'));
        return sb.toString();
    }

    private static void render(JsonNode node, String path, PositionIndex positions, StringBuilder sb) {
        Span span = positions.get(path);
        sb.append(path).append(' ').append(node.getNodeType()).append(' ')
                .append(span == null ? "no span" : span.start() + "-" + span.end());
        if (node.isValueNode()) {
            sb.append(" = ").append(node.isTextual() ? "\"" + node.asText().replace("\n", "\\n") + "\"" : node);
        }
        sb.append('\n');
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                render(e.getValue(), ObjectPath.child(path, e.getKey()), positions, sb);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                render(node.get(i), ObjectPath.index(path, i), positions, sb);
            }
        }
    }

    private static Optional<String> common(String text) {
        return CommonYamlReader.read(new SourceText(text), ParseLimits.DEFAULT).map(docs -> render(docs, List.of()));
    }

    private static String snake(String text) {
        ParsedFile file = SNAKE.readYamlWithSnakeYaml(new SourceText(text));
        return render(file.documents(), file.issues());
    }

    private static void readsLikeSnakeYaml(String text) {
        assertThat(common(text)).as("the common reader reads %s", text).isPresent();
        assertThat(common(text).get()).as(text).isEqualTo(snake(text));
    }

    private static void givesUpOn(String text) {
        assertThat(common(text)).as(text).isEmpty();
    }

    @Test
    void plainScalarsAreTypedAsJacksonTypesThem() {
        readsLikeSnakeYaml("a: 0644\nb: 12\nc: -3\nd: yes\ne: on\nf: True\ng: ~\nh:\ni: null\nj: 1.5\nk: 0x1F\nl: +5\n"
                + "m: Null\nn: y\no: NO\np: off\nq: 00\nr: 1_000\ns: \"x\"\nt: .inf\nu: 12345678901234567890\nv: 08\n"
                + "w: -0\nx: TRUE\ny: tRue\nz: NULL\naa: Yes\nab: oN\nac: -08\nad: -0644\nae: 007\naf: 0o17\nag: Y\n"
                + "ah: 123456789012345678\nai: 1234567890123456789\naj: OFF\nak: 'yes'\nal: 1e3\nam: 0\n");
    }

    @Test
    void blockCollectionsEndWhereTheNextTokenStarts() {
        readsLikeSnakeYaml("# c\napiVersion: v1 # x\nkind: Pod\nspec:\n  containers:\n  - name: a\n"
                + "    args: [\"sh\", \"-c\", x]\n    command:\n      - sh\n      - |\n        echo hi\n\n        done\n"
                + "    env: []\n    e2: {}\n  # trailing\nafter: 1\n---\n\n# doc2\nlist:\n- a\n- b\n\n");
        readsLikeSnakeYaml("---\na: 1\n---\n---\n- - x\n  - y\n- z\n--- # c\n\"q k\": 'it''s'\n'k2': \"a\\\"b\\\\c\\n\"\n"
                + "h: http://x:80/#frag a#b  \nm:\n  n:   v  \n\n  o: x\n");
        readsLikeSnakeYaml("a:\n  b:\n    c:\n      - d: 1\n        e: 2\n      - f\n  g: h\nlast:");
        readsLikeSnakeYaml("k:\n  value on its own line\nk2: x\n");
    }

    @Test
    void literalBlockScalarsKeepTheirLinesAndChomping() {
        readsLikeSnakeYaml("a: |\n  one\n   two\n\n  three\nb: |-\n  stripped\n\n\nc: |+\n  kept\n\n\nd: x\n");
        readsLikeSnakeYaml("s:\n- |\n  in a sequence\n-  |\n     deeper\n\n- |\n\n\n  after blank lines\n");
        readsLikeSnakeYaml("a: |  # a comment\n    tab\there\n      more indented\n    \n  # not a comment\nz: 1\n");
        readsLikeSnakeYaml("a: |\n  to the end");
        readsLikeSnakeYaml("a: |\n  to the end\n\n\n");
    }

    @Test
    void documentsAreCountedAsSnakeYamlCountsThem() {
        readsLikeSnakeYaml("# only a comment\n");
        readsLikeSnakeYaml("---\n---\na: 1\n---\n");
        readsLikeSnakeYaml("a: 1\n---\n# nothing\n---\nb: 2\n");
        readsLikeSnakeYaml("");
    }

    @Test
    void textOutsideTheCommonSubsetIsLeftToSnakeYaml() {
        givesUpOn("a: >\n  folded\n");
        givesUpOn("a: &x 1\nb: *x\n");
        givesUpOn("a: !!str 1\n");
        givesUpOn("%YAML 1.1\n---\na: 1\n");
        givesUpOn("a: 1\n...\n");
        givesUpOn("a: multi\n  line\n");
        givesUpOn("a: \"multi\n  line\"\n");
        givesUpOn("a: {b: 1}\n");
        givesUpOn("a: {{ .Values.x }}\n");
        givesUpOn("a: [1,\n  2]\n");
        givesUpOn("a: 1\r\nb: 2\r\n");
        givesUpOn("a: caf\u00e9\n");
        givesUpOn("a: \u0100?\n");
        givesUpOn("a: \ud83d\ude00 and more\n");
        givesUpOn("a:\tb\n");
        givesUpOn("a: 1\na: 2\n");
        givesUpOn("? a\n: b\n");
        givesUpOn("<<: {a: 1}\n");
        givesUpOn("a: \"\\x41\"\n");
        givesUpOn("just a scalar\n");
        givesUpOn("a: |2\n  explicit indentation\n");
        givesUpOn("a: |\nb: an empty literal\n");
        givesUpOn("a: 'x'#a comment that touches the value\n");
    }

    @Test
    void invalidYamlIsLeftToSnakeYamlToReport() {
        for (String broken : List.of("a: b: c\n", "- a\nb: c\n", "a: 1\n  b: 2\n", "a:\n  - x\n  y: 1\n", "a: 'open\n",
                "a: [1, 2\n", "a: - b\n", "a: \"x\" y\n")) {
            givesUpOn(broken);
            assertThat(snake(broken)).as("SnakeYAML reports %s", broken).contains("issue ");
        }
    }

    @Test
    void edgesOfTheSubsetAreReadAsSnakeYamlReadsThemOrLeftToIt() {
        List<String> read = List.of("a: [-]\n", "a: [a b]\n", "a: [ ]\n", "a: []  # c\n", "a: ['x' , y]\n",
                "- - - x\n", "a: -1\n", "a: [-1, -a]\n", "a: [x] # c\nb: 1\n", "a: 'x' \n", "a:  \n  - b\n",
                "a:\n- b\n-  c\n", "a: ~x\n", "a: |\n  x\n \n  y\n", "a: |-\n\n  x\n", "'a':\n  - 1\n",
                "\"a\\\"\": 1\n", "a: x\n  # an indented comment\nb: 1\n", "a: [x,y]\n", "a: x:y\n",
                "- a: 1\n  b: 2\n- c\n", "a: 1# not a comment\n", "list: [ 'a', \"b\" ]\n");
        read.forEach(CommonYamlReaderTest::readsLikeSnakeYaml);
        for (String other : List.of("a: [- x]\n", "a: [x]y\n", "? \n", "a: !x\n", "- a\n- \n", "a: |\n\tb\n",
                "a: [x, [y]]\n", "a: @x\n", "a: `x\n", "a: %x\n", "a: x: \n", "k: v\n# c\n- x\n")) {
            givesUpOn(other);
        }
    }

    /** Random manifests in the common subset, and the same with random damage: both readers agree, or it gives up. */
    @Test
    void randomTextsReadTheSameEitherWay() {
        Random random = new Random(20261126);
        int read = 0;
        int damaged = 0;
        int damagedRead = 0;
        for (int i = 0; i < 6_000; i++) {
            String text = new RandomYaml(random).document();
            if (i % 2 == 1) {
                text = damage(text, random);
                damaged++;
            }
            Optional<String> common = common(text);
            if (common.isPresent()) {
                assertThat(common.get()).as("%s", text).isEqualTo(snake(text));
                read++;
                damagedRead += i % 2;
            }
        }
        assertThat(read).as("texts the common reader read (undamaged ones with a duplicate key are not)")
                .isGreaterThan(4_000);
        assertThat(damagedRead).as("damaged texts it read (damage that keeps YAML valid)").isBetween(300, damaged - 300);
    }

    private static String damage(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(5)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, " ");
                case 2 -> sb.insert(at, "\n");
                case 3 -> sb.insert(at, new String[] {":", "-", "#", "'", "\"", "|", "[", "]", ",", "- ", ": "}[random.nextInt(11)]);
                default -> sb.insert(at, "  ");
            }
        }
        return sb.toString();
    }

    /** A generator of manifest-like YAML in the subset: nested mappings and sequences in the usual styles. */
    private static final class RandomYaml {
        private static final String[] WORDS = {"name", "image", "docker", "true", "no", "~", "null", "0644", "08", "12",
            "-3", "1.5", "a b", "http://x:80/y", "a#b", "x:y", "-c", "On", "", "value"};
        private final Random random;
        private final StringBuilder sb = new StringBuilder();

        RandomYaml(Random random) {
            this.random = random;
        }

        String document() {
            int documents = 1 + random.nextInt(2);
            for (int d = 0; d < documents; d++) {
                if (d > 0 || random.nextBoolean()) {
                    sb.append(random.nextInt(4) == 0 ? "--- # doc\n" : "---\n");
                }
                comment(0);
                mapping(0, 3);
            }
            return sb.toString();
        }

        private void comment(int indent) {
            if (random.nextInt(6) == 0) {
                sb.append(" ".repeat(random.nextInt(indent + 2))).append("# note\n");
            }
            if (random.nextInt(6) == 0) {
                sb.append('\n');
            }
        }

        private String key() {
            String k = WORDS[random.nextInt(WORDS.length)];
            return k.isEmpty() || k.contains("#") || k.contains(":") ? "k" + random.nextInt(100) : k + random.nextInt(100);
        }

        private String scalar(boolean flow) {
            String w = WORDS[random.nextInt(WORDS.length)];
            return switch (random.nextInt(flow ? 3 : 4)) {
                case 0 -> "'" + w.replace("'", "''") + "'";
                case 1 -> "\"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + (random.nextBoolean() ? "\\n\\t" : "") + "\"";
                default -> w.isEmpty() || flow && (w.contains(":") || w.contains("#")) ? "v" : w;
            };
        }

        private void mapping(int indent, int depth) {
            int keys = 1 + random.nextInt(4);
            for (int k = 0; k < keys; k++) {
                sb.append(" ".repeat(indent)).append(key()).append(':');
                value(indent, depth);
                comment(indent);
            }
        }

        /** After a key at {@code indent} and its colon. */
        private void value(int indent, int depth) {
            int kind = depth == 0 ? random.nextInt(3) : random.nextInt(8);
            switch (kind) {
                case 0 -> sb.append(' ').append(scalar(false)).append(random.nextBoolean() ? "  # c\n" : "\n");
                case 1 -> sb.append('\n');
                case 2 -> literal(indent);
                case 3 -> {
                    sb.append(" [");
                    int items = random.nextInt(4);
                    for (int i = 0; i < items; i++) {
                        sb.append(i > 0 ? ", " : "").append(scalar(true));
                    }
                    sb.append("]\n");
                }
                case 4 -> {
                    sb.append('\n');
                    mapping(indent + 2, depth - 1);
                }
                case 5 -> {
                    sb.append('\n');
                    sequence(random.nextBoolean() ? indent : indent + 2, depth - 1);
                }
                case 6 -> sb.append(" {}\n");
                default -> {
                    sb.append('\n');
                    sequence(indent + 2 + random.nextInt(2), depth - 1);
                }
            }
        }

        private void sequence(int indent, int depth) {
            int items = 1 + random.nextInt(3);
            for (int i = 0; i < items; i++) {
                sb.append(" ".repeat(indent)).append('-');
                switch (depth <= 0 ? 0 : random.nextInt(4)) {
                    case 0 -> sb.append(' ').append(scalar(false)).append('\n');
                    case 1 -> {
                        sb.append(' ').append(key()).append(':');
                        value(indent + 2, depth - 1);
                        if (random.nextBoolean()) {
                            sb.append(" ".repeat(indent + 2)).append(key()).append(':');
                            value(indent + 2, depth - 1);
                        }
                    }
                    case 2 -> {
                        sb.append(" - ").append(scalar(false)).append('\n');
                        sb.append(" ".repeat(indent + 2)).append("- ").append(scalar(false)).append('\n');
                    }
                    default -> literal(indent);
                }
                comment(indent);
            }
        }

        private void literal(int indent) {
            sb.append(' ').append(new String[] {"|", "|-", "|+"}[random.nextInt(3)]).append('\n');
            int inner = indent + 2 + random.nextInt(3);
            int lines = 1 + random.nextInt(4);
            for (int l = 0; l < lines; l++) {
                if (random.nextInt(4) == 0) {
                    sb.append('\n');
                }
                sb.append(" ".repeat(inner + (l > 0 && random.nextInt(4) == 0 ? 2 : 0)))
                        .append(random.nextBoolean() ? "echo docker ps # not a comment" : "line: " + l).append('\n');
            }
            if (random.nextBoolean()) {
                sb.append('\n');
            }
        }
    }

    /** The checkout's root: the directory that holds {@code examples} and {@code rules}. */
    private static Path checkout() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples")) && Files.isDirectory(dir.resolve("rules"))) {
                return dir;
            }
        }
        throw new IllegalStateException("the checkout's root was not found from " + Path.of("").toAbsolutePath());
    }

    private static Path sharedCorpus(Path checkout) {
        String shared = System.getProperty("shimscan.shared.dir");
        Path dir = shared != null ? Path.of(shared) : checkout.resolveSibling("shared");
        assertThat(dir.resolve("corpus")).as("the shared corpus").isDirectory();
        return dir.resolve("corpus");
    }

    @Test
    void everyManifestOfTheProjectReadsTheSameEitherWay() throws IOException {
        Path root = checkout();
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(sharedCorpus(root), root.resolve("examples"), root.resolve("rules/src/test/resources"),
                root.resolve("scanner-cli/src/test/resources"))) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                        .forEach(files::add);
            }
        }
        int read = 0;
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            Optional<String> common = common(text);
            if (common.isPresent()) {
                assertThat(common.get()).as("%s", file).isEqualTo(snake(text));
                read++;
            }
        }
        assertThat(files).hasSizeGreaterThan(150);
        assertThat(read).as("files the common reader read").isGreaterThan(files.size() / 2);
    }
}
