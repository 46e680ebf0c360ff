package dev.shimscan.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shimscan.core.tree.ObjectPath;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property-based test of {@link DocumentReader} and {@link PositionIndex} with a seeded generator (no library):
 * random YAML files built from a grammar (block and flow mappings and sequences, block scalars, plain and
 * quoted scalars, comments, anchors and aliases, several documents), some of them then damaged. For every case
 * the reader never throws, every issue is on a line of the file, and every scalar's span lies inside the file;
 * for a one-line plain or quoted scalar of an undamaged file the line its span starts on contains the scalar's
 * text. The seed is fixed unless {@code -Dshimscan.fuzz.seed=N} overrides it; a failure names seed and case.
 */
class PositionIndexFuzzTest {
    static final int CASES = 10_000;

    private static final String[] WORDS = {
        "alpha", "beta gamma", "/var/run/docker.sock", "docker ps", "k8s-app", "image:tag", "a#b", "x_y",
        "v1.2.3", "caf\u00e9", "\u65e5\u672c", "emoji \uD83D\uDE00 here", "dockerd", "-H unix:///x", "path/to/file"
    };
    private static final String[] QUOTED = {
        "with: colon", "hash # inside", "[not a list]", "{not: a map}", "  padded  ", "- dash", "*star", "&amp",
        "true", "123", "", "tab\there"
    };

    private final DocumentReader reader = new DocumentReader();

    static long seed() {
        String override = System.getProperty("shimscan.fuzz.seed");
        return override == null || override.isBlank() ? 9_000_009L : Long.parseLong(override.strip());
    }

    @Test
    void tenThousandRandomFilesNeverThrowAndScalarsArePositionedOnTheirLine() {
        long seed = seed();
        Random random = new Random(seed);
        int scalarsChecked = 0;
        int damaged = 0;
        int withIssues = 0;
        for (int n = 0; n < CASES; n++) {
            String text = new Generator(random).file();
            boolean damage = random.nextInt(5) == 0;
            if (damage) {
                text = damage(text, random);
                damaged++;
            }
            String context = "seed " + seed + ", case " + n + (damage ? " (damaged)" : "") + ":\n" + text;
            ParsedFile parsed;
            try {
                parsed = reader.readYaml(new SourceText(text));
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("reader threw for " + context, e);
            }
            SourceText source = parsed.source();
            for (ParseIssue issue : parsed.issues()) {
                assertThat(issue.line()).as("issue line in %s", context).isBetween(1, Math.max(1, source.lineCount()));
                assertThat(issue.message()).as("issue message in %s", context).isNotBlank();
            }
            if (!parsed.issues().isEmpty()) {
                withIssues++;
            }
            for (ParsedDocument doc : parsed.documents()) {
                scalarsChecked += checkScalars(doc.root(), "", doc.positions(), source, !damage, context);
            }
        }
        assertThat(scalarsChecked).as("the generator produces scalars to check").isGreaterThan(CASES * 3);
        assertThat(damaged).isGreaterThan(CASES / 10);
        assertThat(withIssues).as("damage exercises the error paths").isGreaterThan(CASES / 50);
    }

    /** Checks every scalar under {@code node}; returns how many had their line checked. */
    private static int checkScalars(JsonNode node, String path, PositionIndex positions, SourceText source,
                                    boolean checkLine, String context) {
        int checked = 0;
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                checked += checkScalars(e.getValue(), ObjectPath.child(path, e.getKey()), positions, source, checkLine,
                        context);
            }
            return checked;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checked += checkScalars(node.get(i), ObjectPath.index(path, i), positions, source, checkLine, context);
            }
            return checked;
        }
        Span span = positions.spanOf(path);
        assertThat(span.start()).as("start of %s in %s", path, context).isBetween(0, source.length());
        assertThat(span.end()).as("end of %s in %s", path, context).isBetween(span.start(), source.length());
        String value = node.asText();
        boolean blockScalar = span.start() < source.length() && "|>".indexOf(source.text().charAt(span.start())) >= 0;
        if (checkLine && !blockScalar && !node.isNull() && !value.isEmpty() && !value.contains("\n")
                && !value.contains("\t") && value.strip().equals(value)) {
            String line = lineText(source, source.lineOf(span.start()));
            if (!line.contains(value)) {
                fail("scalar %s = '%s' positioned on line %d '%s' in %s", path, value, source.lineOf(span.start()),
                        line, context);
            }
            checked++;
        }
        return checked;
    }

    private static String lineText(SourceText source, int line) {
        int start = source.lineStart(line);
        int end = source.text().indexOf('\n', start);
        return source.text().substring(start, end < 0 ? source.length() : end);
    }

    /** One to three random edits: a deleted, duplicated or inserted character (tabs, brackets, quotes, ...). */
    private static String damage(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        String noise = "\t:[]{}\"'&*|>-#\n ,?!%@`";
        for (int edits = 1 + random.nextInt(3); edits > 0 && sb.length() > 0; edits--) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, sb.charAt(at));
                default -> sb.insert(at, noise.charAt(random.nextInt(noise.length())));
            }
        }
        return sb.toString();
    }

    /** Emits one random YAML file. Keys are unique within the file, so no duplicate-key issue hides a bug. */
    private static final class Generator {
        private final Random random;
        private final StringBuilder out = new StringBuilder();
        private final List<String> anchors = new ArrayList<>();
        private int keys;

        Generator(Random random) {
            this.random = random;
        }

        String file() {
            int documents = 1 + random.nextInt(3);
            if (random.nextInt(4) == 0) {
                out.append("# leading comment\n");
            }
            for (int d = 0; d < documents; d++) {
                if (d > 0 || random.nextInt(3) == 0) {
                    out.append("---").append(random.nextInt(5) == 0 ? " # doc\n" : "\n");
                }
                anchors.clear();
                if (random.nextInt(4) == 0) {
                    blockSequence(0, 0);
                } else {
                    blockMapping(0, 0, null);
                }
                if (random.nextInt(6) == 0) {
                    out.append("...\n");
                }
            }
            return out.toString();
        }

        private String pad(int indent) {
            return " ".repeat(indent);
        }

        private String key() {
            keys++;
            return switch (random.nextInt(6)) {
                case 0 -> "\"quoted key " + keys + "\"";
                case 1 -> "'single " + keys + "'";
                default -> "k" + keys;
            };
        }

        /** A block mapping at {@code indent}; {@code firstPrefix} replaces the first line's indentation ("- "). */
        private void blockMapping(int indent, int depth, String firstPrefix) {
            int entries = 1 + random.nextInt(depth == 0 ? 5 : 3);
            for (int i = 0; i < entries; i++) {
                if (random.nextInt(8) == 0 && (i > 0 || firstPrefix == null)) {
                    out.append(pad(indent)).append("# comment ").append(i).append('\n');
                }
                out.append(i == 0 && firstPrefix != null ? firstPrefix : pad(indent)).append(key()).append(':');
                value(indent, depth);
            }
        }

        private void blockSequence(int indent, int depth) {
            int items = 1 + random.nextInt(3);
            for (int i = 0; i < items; i++) {
                int kind = random.nextInt(depth >= 3 ? 2 : 4);
                switch (kind) {
                    case 0 -> out.append(pad(indent)).append("- ").append(anchor()).append(scalar()).append(comment())
                            .append('\n');
                    case 1 -> out.append(pad(indent)).append("- ").append(anchor()).append(flow(depth + 1)).append('\n');
                    case 2 -> blockMapping(indent + 2, depth + 1, pad(indent) + "- ");
                    default -> {
                        out.append(pad(indent)).append("-\n");
                        blockSequence(indent + 2, depth + 1);
                    }
                }
            }
        }

        /** The rest of a {@code key:} line and whatever follows it. */
        private void value(int indent, int depth) {
            int kind = random.nextInt(depth >= 3 ? 4 : 8);
            switch (kind) {
                case 0, 1 -> out.append(' ').append(anchor()).append(scalar()).append(comment()).append('\n');
                case 2 -> out.append(' ').append(anchor()).append(flow(depth + 1)).append(comment()).append('\n');
                case 3 -> {
                    if (anchors.isEmpty()) {
                        out.append(" plain").append('\n');
                    } else {
                        out.append(" *").append(anchors.get(random.nextInt(anchors.size()))).append('\n');
                    }
                }
                case 4 -> blockScalar(indent);
                case 5 -> {
                    out.append('\n');
                    blockMapping(indent + 2, depth + 1, null);
                }
                case 6 -> {
                    out.append('\n');
                    blockSequence(indent + 2, depth + 1);
                }
                default -> {
                    out.append('\n');
                    blockSequence(indent, depth + 1);   // "key:\n- item" at the key's own indentation
                }
            }
        }

        private void blockScalar(int indent) {
            out.append(' ').append(random.nextBoolean() ? '|' : '>').append(random.nextInt(3) == 0 ? "-" : "")
                    .append('\n');
            int lines = 1 + random.nextInt(4);
            for (int i = 0; i < lines; i++) {
                out.append(pad(indent + 2)).append(random.nextInt(3) == 0 ? "  " : "")
                        .append(WORDS[random.nextInt(WORDS.length)]).append('\n');
            }
            if (random.nextInt(4) == 0) {
                out.append('\n');
            }
        }

        private String anchor() {
            if (random.nextInt(6) != 0) {
                return "";
            }
            String name = "a" + keys + "x" + anchors.size();
            anchors.add(name);
            return "&" + name + " ";
        }

        private String comment() {
            return random.nextInt(6) == 0 ? " # note: " + WORDS[random.nextInt(WORDS.length)] : "";
        }

        private String scalar() {
            return switch (random.nextInt(4)) {
                case 0 -> "\"" + QUOTED[random.nextInt(QUOTED.length)].replace("\t", "\\t") + "\"";
                case 1 -> "'" + QUOTED[random.nextInt(QUOTED.length)].replace("'", "''") + "'";
                default -> WORDS[random.nextInt(WORDS.length)];
            };
        }

        private String flow(int depth) {
            boolean map = random.nextBoolean();
            int n = random.nextInt(4);
            StringBuilder sb = new StringBuilder(map ? "{" : "[");
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ", ");
                if (map) {
                    keys++;
                    sb.append("f").append(keys).append(": ");
                }
                sb.append(depth < 4 && random.nextInt(4) == 0 ? flow(depth + 1)
                        : random.nextBoolean() ? "\"" + WORDS[random.nextInt(WORDS.length)] + "\""
                        : WORDS[random.nextInt(WORDS.length)].replace("#", "").replace(":", "-"));
            }
            return sb.append(map ? "}" : "]").toString();
        }
    }
}
