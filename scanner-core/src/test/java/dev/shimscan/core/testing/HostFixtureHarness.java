package dev.shimscan.core.testing;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.source.host.HostFileReader;
import dev.shimscan.core.source.host.HostScan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@link FixtureHarness} for node file trees: runs rules over a directory laid out like a node's {@code /} through
 * the real host source ({@link HostScan}), and compares the findings, file by file and line by line, with the
 * expectations written in the tree. Any disagreement, in either direction, fails with one line per mismatch.
 *
 * <h2>Writing expectations</h2>
 * <ul>
 *   <li>{@code # expect: DS601} at the end of a line, or {@code # expect+N: DS602} N lines above it, in any file of
 *       the tree whose format has {@code #} comments (shell, crontabs, systemd units, env files, YAML, Fluent Bit).
 *       Where a trailing comment would change the file's meaning (a systemd value, a crontab command), put
 *       {@code # expect+1:} on its own line above.</li>
 *   <li>For files without comments (daemon.json), a file {@code expected-findings.txt} at the tree's root lists
 *       {@code PATH:LINE: DS501[, DS502]}; {@code allow-problems: PATH} accepts scan problems in a file (a fixture
 *       about broken input), and {@code expect-none} says that the tree, read with these rules, must yield nothing
 *       (a clean node).</li>
 *   <li>Markers that name rules outside the list under test are ignored. A run that expects nothing fails unless the
 *       tree says {@code expect-none}.</li>
 * </ul>
 * The tree's root itself is not a place the host scan reads, so {@code expected-findings.txt} is never scanned.
 */
public final class HostFixtureHarness {
    public static final String EXPECTATIONS = "expected-findings.txt";
    public static final String NODE = "fixture-node";
    private static final Pattern MARKER = Pattern.compile(
            "#\\s*expect(?:\\+(\\d+))?:\\s*(DS\\d{3}(?:\\s*,\\s*DS\\d{3})*)");
    private static final Pattern LIST_LINE = Pattern.compile("(\\S+?):(\\d+)\\s*:\\s*(DS\\d{3}(?:\\s*,\\s*DS\\d{3})*)");
    private static final Clock FIXED = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final List<Rule> rules;
    private final Set<String> ids;

    private HostFixtureHarness(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.ids = rules.stream().map(r -> r.meta().id()).collect(Collectors.toUnmodifiableSet());
    }

    public static HostFixtureHarness forRules(List<? extends Rule> rules) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("no rules to test");
        }
        return new HostFixtureHarness(List.copyOf(rules));
    }

    /** What a run found: mismatches (empty when all agree), how many findings were expected, and the scan. */
    public record Outcome(List<String> mismatches, int expected, HostScan.Outcome scan) {
        public boolean passed() {
            return mismatches.isEmpty();
        }
    }

    private record Key(String file, int line, String ruleId) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = file.compareTo(o.file);
            if (c == 0) {
                c = Integer.compare(line, o.line);
            }
            return c != 0 ? c : ruleId.compareTo(o.ruleId);
        }
    }

    public Outcome run(Path tree) {
        HostScan.Outcome scan;
        try {
            scan = new HostScan(rules, HostFileReader.standard(), HostScan.DEFAULT_MAX_FILE_BYTES, FIXED)
                    .run(tree, tree.getFileName().toString(), NODE);
        } catch (HostScan.RootException e) {
            return new Outcome(List.of(tree + ": " + e.getMessage()), 0, null);
        }
        Map<Key, Integer> balance = new TreeMap<>();
        Map<Key, String> messages = new TreeMap<>();
        Set<String> allowProblems = new HashSet<>();
        boolean[] expectNone = {false};
        int expected = 0;
        for (Key k : expectations(tree, allowProblems, expectNone)) {
            if (ids.contains(k.ruleId())) {
                balance.merge(k, 1, Integer::sum);
                expected++;
            }
        }
        for (Finding f : scan.result().findings()) {
            Key k = new Key(f.location().file(), f.location().line(), f.ruleId());
            balance.merge(k, -1, Integer::sum);
            messages.putIfAbsent(k, f.message());
        }
        List<String> mismatches = new ArrayList<>();
        String name = tree.getFileName() + "/";
        balance.forEach((k, n) -> {
            String where = name + k.file() + ":" + k.line() + " " + k.ruleId();
            if (n > 0) {
                mismatches.add(where + " expected" + (n > 1 ? " " + n + " more" : "") + ", not reported");
            } else if (n < 0) {
                mismatches.add(where + " reported" + (n < -1 ? " " + -n + " times" : "") + ", not expected: "
                        + messages.get(k));
            }
        });
        for (ScanProblem p : scan.result().problems()) {
            if (p.type() == ScanProblem.Type.RULE_ERROR || !allowProblems.contains(p.file())) {
                mismatches.add(name + p.file() + ":" + (p.line() == null ? "?" : p.line()) + " problem "
                        + p.type().label() + ": " + p.message());
            }
        }
        if (expected == 0 && !expectNone[0]) {
            mismatches.add(tree + ": the tree expects no finding from " + new TreeSet<>(ids)
                    + " and does not say expect-none; a run that expects nothing proves nothing");
        }
        if (expected > 0 && expectNone[0]) {
            mismatches.add(tree + ": says expect-none but its files carry markers");
        }
        return new Outcome(List.copyOf(mismatches), expected, scan);
    }

    public Outcome verify(Path tree) {
        Outcome outcome = run(tree);
        if (!outcome.passed()) {
            throw new AssertionError("host tree " + tree + " disagrees with rules " + new TreeSet<>(ids) + " ("
                    + outcome.mismatches().size() + " mismatches):\n  " + String.join("\n  ", outcome.mismatches()));
        }
        return outcome;
    }

    private static List<Key> expectations(Path tree, Set<String> allowProblems, boolean[] expectNone) {
        List<Key> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path p : walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                String rel = tree.relativize(p).toString().replace('\\', '/');
                if (rel.equals(EXPECTATIONS)) {
                    list(p, out, allowProblems, expectNone);
                    continue;
                }
                String text = textOf(p);
                if (text == null) {
                    continue;
                }
                String[] lines = text.split("\r?\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    Matcher m = MARKER.matcher(lines[i]);
                    if (m.find()) {
                        int line = i + 1 + (m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
                        for (String id : m.group(2).split(",")) {
                            out.add(new Key(rel, line, id.trim()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void list(Path file, List<Key> out, Set<String> allowProblems, boolean[] expectNone)
            throws IOException {
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.replaceFirst("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("expect-none")) {
                expectNone[0] = true;
                continue;
            }
            if (line.startsWith("allow-problems:")) {
                allowProblems.add(line.substring("allow-problems:".length()).trim());
                continue;
            }
            Matcher m = LIST_LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException(file + ": cannot read '" + raw + "' (expected 'PATH:LINE: DS501')");
            }
            for (String id : m.group(3).split(",")) {
                out.add(new Key(m.group(1), Integer.parseInt(m.group(2)), id.trim()));
            }
        }
    }

    /** The file's text, or null for a binary or non-UTF-8 file. */
    private static String textOf(Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
