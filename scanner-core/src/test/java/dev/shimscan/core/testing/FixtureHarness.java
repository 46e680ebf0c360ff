package dev.shimscan.core.testing;

import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.source.manifest.ContentLoader;
import dev.shimscan.core.source.manifest.ManifestScan;
import dev.shimscan.core.yaml.ParseLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs rules over fixture files through the real manifest engine ({@link ManifestScan}, so positions are
 * resolved exactly as in a real scan) and compares the findings with the expectations written in the
 * fixtures. Any disagreement, in either direction, fails with one line per mismatch: {@code file:line RULE}.
 *
 * <h2>Writing expectations</h2>
 * <ul>
 *   <li>{@code # expect: DS101} on a line: the rules under test report exactly one finding there.
 *       {@code # expect: DS101, DS106} expects one of each; repeat an id ({@code DS101, DS101}) for two
 *       findings of one rule on one line.</li>
 *   <li>{@code # expect+N: DS106} expects the findings {@code N} lines further down. Use it for lines inside
 *       block scalars whose embedded language has no harmless comment syntax (JSON in a ConfigMap): put the
 *       marker as a real YAML comment above the key. Inside a block scalar an {@code # expect:} marker on a
 *       content line is <em>part of the value</em>; that is fine where {@code #} starts a comment in the
 *       embedded text (TOML, shell, YAML, INI, fluentd and Fluent Bit configs) as long as the marker text
 *       itself cannot trigger a rule, which plain rule ids never do.</li>
 *   <li>JSON has no comments: expectations for {@code x.json} go in a sidecar file {@code x.json.expect},
 *       one {@code LINE: DS101[, DS106]} per line ({@code #} starts a comment). Sidecars work for any fixture.</li>
 *   <li>Markers that name rules outside the list under test are ignored, so one fixture can describe the
 *       findings of several rules and be run with any subset of them.</li>
 *   <li>A fixture must parse cleanly: every scan problem fails the run, unless the fixture is about bad input
 *       and says so with a line {@code # fixture: allow-problems} (or {@code allow-problems} in its sidecar).
 *       A rule that throws always fails the run.</li>
 *   <li>A run whose fixtures expect nothing at all from the rules under test fails: it would prove nothing.</li>
 * </ul>
 */
public final class FixtureHarness {
    private static final Pattern MARKER = Pattern.compile(
            "#\\s*expect(?:\\+(\\d+))?:\\s*(DS\\d{3}(?:\\s*,\\s*DS\\d{3})*)");
    private static final Pattern SIDECAR_LINE = Pattern.compile("(\\d+)\\s*:\\s*(DS\\d{3}(?:\\s*,\\s*DS\\d{3})*)");
    private static final String ALLOW_PROBLEMS = "allow-problems";
    private static final Pattern ALLOW_PROBLEMS_MARKER = Pattern.compile("#\\s*fixture:\\s*" + ALLOW_PROBLEMS);
    private static final Clock FIXED = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final List<Rule> rules;
    private final Set<String> ids;

    private FixtureHarness(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.ids = rules.stream().map(r -> r.meta().id()).collect(Collectors.toUnmodifiableSet());
    }

    /** A harness that runs exactly these rules. */
    public static FixtureHarness forRules(List<? extends Rule> rules) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("no rules to test");
        }
        return new FixtureHarness(List.copyOf(rules));
    }

    /**
     * What a run found.
     *
     * @param mismatches one line per disagreement, {@code file:line RULE ...}; empty when all agree
     * @param expected   how many findings the markers expected
     * @param result     the raw scan result
     */
    public record Outcome(List<String> mismatches, int expected, ScanResult result) {
        public boolean passed() {
            return mismatches.isEmpty();
        }
    }

    /** Scans {@code target} (a fixture file or a directory of them) and compares; never throws on mismatch. */
    public Outcome run(Path target) {
        Path base = Files.isDirectory(target) ? target : target.getParent();
        List<Path> files = fixtureFiles(target);
        List<String> mismatches = new ArrayList<>();
        if (files.isEmpty()) {
            mismatches.add(target + ": no fixture files (.yaml, .yml, .json)");
            return new Outcome(mismatches, 0, null);
        }
        ManifestScan scan = new ManifestScan(rules, ContentLoader.standard(InputStream.nullInputStream()), 1,
                ParseLimits.DEFAULT, FIXED);
        ScanResult result = scan.run(files.stream().map(FixtureHarness::key).toList());

        // (file, line, rule) -> expected minus reported
        Map<Key, Integer> balance = new TreeMap<>();
        Map<Key, String> messages = new TreeMap<>();
        Map<String, Boolean> allowProblems = new TreeMap<>();
        int expected = 0;
        for (Path f : files) {
            Expectations e = expectations(f);
            allowProblems.put(key(f), e.allowProblems());
            for (Position p : e.positions()) {
                if (ids.contains(p.ruleId())) {
                    balance.merge(new Key(key(f), p.line(), p.ruleId()), 1, Integer::sum);
                    expected++;
                }
            }
        }
        for (Finding finding : result.findings()) {
            Key k = new Key(finding.location() == null ? "?" : finding.location().file(),
                    finding.location() == null ? 0 : finding.location().line(), finding.ruleId());
            balance.merge(k, -1, Integer::sum);
            messages.putIfAbsent(k, finding.message());
        }
        balance.forEach((k, n) -> {
            String where = display(base, k.file()) + ":" + k.line() + " " + k.ruleId();
            if (n > 0) {
                mismatches.add(where + " expected" + (n > 1 ? " " + n + " more" : "") + ", not reported");
            } else if (n < 0) {
                mismatches.add(where + " reported" + (n < -1 ? " " + -n + " times" : "") + ", not expected: "
                        + messages.get(k));
            }
        });
        for (ScanProblem problem : result.problems()) {
            boolean allowed = problem.type() != ScanProblem.Type.RULE_ERROR
                    && allowProblems.getOrDefault(problem.file(), false);
            if (!allowed) {
                mismatches.add(display(base, problem.file()) + ":" + (problem.line() == null ? "?" : problem.line())
                        + " problem " + problem.type().label() + ": " + problem.message());
            }
        }
        if (expected == 0) {
            mismatches.add(target + ": the fixtures expect no finding from " + new TreeSet<>(ids)
                    + "; a fixture run that expects nothing proves nothing");
        }
        return new Outcome(List.copyOf(mismatches), expected, result);
    }

    /** Scans and fails with every mismatch listed when markers and findings disagree. */
    public Outcome verify(Path target) {
        Outcome outcome = run(target);
        if (!outcome.passed()) {
            throw new AssertionError("fixtures in " + target + " disagree with rules " + new TreeSet<>(ids)
                    + " (" + outcome.mismatches().size() + " mismatches):\n  "
                    + String.join("\n  ", outcome.mismatches()));
        }
        return outcome;
    }

    /** An expected finding of one fixture: a line and a rule id. */
    private record Position(int line, String ruleId) {
    }

    /** A finding's place in the whole run, in report order. */
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

    private record Expectations(List<Position> positions, boolean allowProblems) {
    }

    private static Expectations expectations(Path file) {
        List<Position> out = new ArrayList<>();
        boolean allow = false;
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        if (!json) {
            List<String> lines = readLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = MARKER.matcher(lines.get(i));
                if (m.find()) {
                    int line = i + 1 + (m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
                    addAll(out, line, m.group(2));
                }
                allow |= ALLOW_PROBLEMS_MARKER.matcher(lines.get(i)).find();
            }
        }
        Path sidecar = file.resolveSibling(file.getFileName() + ".expect");
        if (Files.exists(sidecar)) {
            for (String raw : readLines(sidecar)) {
                String line = raw.replaceFirst("#.*", "").trim();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.equals(ALLOW_PROBLEMS)) {
                    allow = true;
                    continue;
                }
                Matcher m = SIDECAR_LINE.matcher(line);
                if (!m.matches()) {
                    throw new IllegalArgumentException(sidecar + ": cannot read '" + raw + "' (expected 'LINE: DS101')");
                }
                addAll(out, Integer.parseInt(m.group(1)), m.group(2));
            }
        }
        return new Expectations(out, allow);
    }

    private static void addAll(List<Position> out, int line, String idList) {
        for (String id : idList.split(",")) {
            out.add(new Position(line, id.trim()));
        }
    }

    private static List<Path> fixtureFiles(Path target) {
        if (!Files.isDirectory(target)) {
            return Files.exists(target) ? List.of(target) : List.of();
        }
        try (Stream<Path> walk = Files.walk(target)) {
            return walk.filter(Files::isRegularFile).filter(FixtureHarness::isFixture).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isFixture(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static List<String> readLines(Path file) {
        try {
            return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\r?\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name the scan uses for a file: its absolute path with forward slashes. */
    private static String key(Path file) {
        return file.toAbsolutePath().normalize().toString().replace('\\', '/');
    }

    private static String display(Path base, String file) {
        if (file == null) {
            return "?";
        }
        String prefix = key(base) + "/";
        String shown = file.startsWith(prefix) ? file.substring(prefix.length()) : file;
        return (base.getFileName() == null ? "" : base.getFileName() + "/") + shown;
    }
}
