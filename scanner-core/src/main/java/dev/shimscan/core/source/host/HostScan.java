package dev.shimscan.core.source.host;

import dev.shimscan.core.engine.RuleTimeout;
import java.time.Duration;
import dev.shimscan.core.engine.GuardedChecker;
import dev.shimscan.core.engine.ResourceChecker;
import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.report.ReportBuilder;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.yaml.DocumentReader;
import dev.shimscan.core.yaml.ParseIssue;
import dev.shimscan.core.yaml.ParseLimits;
import dev.shimscan.core.yaml.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scans a node's filesystem, read-only: the {@link HostPlaces} under a root ({@code /}, or a mounted node image such
 * as {@code /host}), each text file as a {@link HostFiles HostFile} resource checked by the rules that apply to the
 * {@code host} source. Nothing is written, nothing executed, no link is followed out of the root
 * ({@link HostRoot}); binaries are recognised from their first kilobyte and not read on, text files over the size
 * limit are not read, unreadable files become problems, and everything not read is listed in the report's
 * {@code coverage.notChecked}. Findings carry the file's path relative to the root and the node's name.
 */
public final class HostScan {
    /** Text files larger than this are not read. */
    public static final int DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

    private final List<Rule> rules;
    private final HostFileReader reader;
    private final int maxFileBytes;
    private final Clock clock;
    private final RuleTimeout ruleTimeout;

    public HostScan(List<Rule> rules, HostFileReader reader, int maxFileBytes, Clock clock) {
        this(rules, reader, maxFileBytes, clock, RuleTimeout.DEFAULT);
    }

    private HostScan(List<Rule> rules, HostFileReader reader, int maxFileBytes, Clock clock, RuleTimeout ruleTimeout) {
        this.rules = List.copyOf(rules);
        this.reader = reader;
        this.maxFileBytes = maxFileBytes;
        this.clock = clock;
        this.ruleTimeout = ruleTimeout;
    }

    /** The same scan with another limit on one rule's run on one file ({@link GuardedChecker}). */
    public HostScan withRuleTimeout(Duration timeout) {
        return new HostScan(rules, reader, maxFileBytes, clock, new RuleTimeout(timeout));
    }

    /**
     * What a host scan produced: the raw result, the node it ran on, and what it did not read.
     *
     * @param node       the node name the findings are tagged with; null when none is known
     * @param osImage    {@code PRETTY_NAME} of the node's os-release; null when unknown
     * @param notChecked files and links deliberately not read
     */
    public record Outcome(ScanResult result, String node, String osImage, List<Report.Skipped> notChecked) {

        /** The report: the scan's, with the node in {@code nodes} and what was not read in {@code notChecked}. */
        public Report report() {
            Report base = ReportBuilder.build(result);
            List<Report.NodeInfo> nodes = node == null ? List.of()
                    : List.of(new Report.NodeInfo(node, null, null, null, osImage, null, null));
            Report.Coverage c = base.coverage();
            return new Report(base.schemaVersion(), base.tool(), base.scan(), base.summary(), base.findings(), nodes,
                    new Report.Coverage(c.inspected(), c.skipped(), c.errors(), notChecked), base.clusters());
        }
    }

    /** The root is not a readable directory. */
    public static final class RootException extends Exception {
        private static final long serialVersionUID = 1L;

        public RootException(String message) {
            super(message);
        }
    }

    /**
     * Scans the root.
     *
     * @param root        the node's {@code /}
     * @param displayRoot how the report names the root ({@code scan.targets})
     * @param nodeName    the node's name; null to take {@code etc/hostname} under the root
     */
    public Outcome run(Path root, String displayRoot, String nodeName) throws RootException {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        Path real = realRoot(root);
        HostRoot hostRoot = new HostRoot(real);
        HostNotes notes = new HostNotes();
        HostWalker.Walk walk = new HostWalker(hostRoot, notes).walk(HostPlaces.ALL);
        HostFacts facts = HostFacts.read(hostRoot, reader);
        String node = nodeName != null && !nodeName.isBlank() ? nodeName.trim() : facts.hostname();

        ResourceChecker checker = new ResourceChecker(rules, SourceKind.HOST);
        try (GuardedChecker guarded = new GuardedChecker(checker, ruleTimeout)) {
            return scan(walk, facts, node, checker, guarded, notes, displayRoot, started, t0);
        }
    }

    private Outcome scan(HostWalker.Walk walk, HostFacts facts, String node, ResourceChecker checker,
                         GuardedChecker guarded, HostNotes notes, String displayRoot, Instant started, long t0) {
        DocumentReader json = new DocumentReader(ParseLimits.DEFAULT);
        List<Finding> findings = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>(walk.problems());
        Map<String, Integer> inspected = new TreeMap<>();
        int files = 0;
        for (HostWalker.Candidate c : walk.files()) {
            String text = readText(c, notes, problems);
            if (text == null) {
                continue;
            }
            if (c.shellOnly() && !ShellScriptSniffer.isShellScript(name(c.display()), text, c.executable())) {
                notes.notShell(c.place(), c.display());
                continue;
            }
            if (c.category() == HostFileCategory.DAEMON_JSON) {
                for (ParseIssue issue : json.readJson(new SourceText(text)).issues()) {
                    problems.add(ScanProblem.at(c.display(), issue.line(), issue.column(), ScanProblem.Type.PARSE,
                            "daemon.json is not valid JSON (Docker would refuse to start with it): " + issue.message()));
                }
            }
            Resource resource = HostFiles.resource(c.display(), c.category(), text);
            GuardedChecker.Outcome checked = guarded.check(resource);
            problems.addAll(checked.problems());
            for (Finding f : checked.findings()) {
                findings.add(node == null ? f : f.withNode(node));
            }
            inspected.merge(c.category().label(), 1, Integer::sum);
            files++;
        }
        findings.sort(Finding.ORDER);
        problems.sort(ScanProblem.ORDER);
        long durationMs = (System.nanoTime() - t0) / 1_000_000;
        ScanResult result = new ScanResult(SourceKind.HOST, List.of(displayRoot), started, durationMs,
                checker.rules().stream().map(Rule::meta).toList(), List.copyOf(findings), List.copyOf(problems),
                inspected, files, 0, List.of());
        return new Outcome(result, node, facts.osImage(), notes.toSkipped());
    }

    private String readText(HostWalker.Candidate c, HostNotes notes, List<ScanProblem> problems) {
        HostContent.Content content;
        try {
            content = HostContent.read(reader, c.real(), c.size(), maxFileBytes);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof IOException io ? HostWalker.reason(io) : e.toString();
            problems.add(ScanProblem.inFile(c.display(), ScanProblem.Type.IO, "cannot read: " + why));
            return null;
        }
        if (content instanceof HostContent.Binary) {
            notes.binary(c.place(), c.display());
            return null;
        }
        if (content instanceof HostContent.TooLarge large) {
            notes.note(c.display(), "text file of " + large.size() + " bytes, larger than the limit of "
                    + maxFileBytes + "; not read");
            return null;
        }
        return ((HostContent.Text) content).text();
    }

    private static Path realRoot(Path root) throws RootException {
        try {
            Path real = root.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new NotDirectoryException(root.toString());
            }
            try (var list = Files.newDirectoryStream(real)) {
                list.iterator().hasNext();
            }
            return real;
        } catch (NoSuchFileException e) {
            throw new RootException("no such directory: " + root);
        } catch (NotDirectoryException e) {
            throw new RootException("not a directory: " + root);
        } catch (IOException e) {
            throw new RootException("cannot read " + root + ": " + HostWalker.reason(e));
        }
    }

    private static String name(String display) {
        return display.substring(display.lastIndexOf('/') + 1);
    }
}
