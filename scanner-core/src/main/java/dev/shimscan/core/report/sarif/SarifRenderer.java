package dev.shimscan.core.report.sarif;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Location;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.report.RenderOptions;
import dev.shimscan.core.report.Renderer;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.rule.RuleDoc;
import dev.shimscan.core.rule.RuleMeta;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SARIF 2.1.0 for GitHub code scanning, built from the report records (never a text template) and meeting
 * every MUST of {@code shared/SARIF-CHECKLIST.md}: one run, {@code results} always present, the whole catalog in
 * {@code driver.rules}, repository-relative encoded URIs, 1-based one-line regions with an exclusive end column,
 * GitHub's line hash, at most one result per rule, file and line. Findings without a repository file (stdin
 * without {@code --stdin-path}, cluster, host) and suppressed findings are left out, and said so.
 */
public final class SarifRenderer implements Renderer {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final List<RuleDoc> catalog;
    private final SarifOptions options;
    private final String toolVersion;

    public SarifRenderer(List<RuleDoc> catalog, SarifOptions options, String toolVersion) {
        this.catalog = catalog.stream().sorted(java.util.Comparator.comparing(d -> d.meta().id())).toList();
        this.options = options;
        this.toolVersion = toolVersion;
    }

    @Override
    public String format() {
        return "sarif";
    }

    @Override
    public void render(Report report, RenderOptions renderOptions, OutputStream out) throws IOException {
        MAPPER.writeValue(out, build(report));
        out.write('\n');
        out.flush();
    }

    Sarif.Log build(Report report) {
        Map<String, Integer> ruleIndex = new HashMap<>();
        List<Sarif.Rule> rules = new ArrayList<>();
        for (RuleDoc doc : catalog) {
            ruleIndex.put(doc.meta().id(), rules.size());
            rules.add(rule(doc));
        }
        RepositoryUris uris = new RepositoryUris(options.repositoryRoot(), options.workingDirectory());
        Map<Path, Map<Integer, String>> hashes = new HashMap<>();
        Map<String, Sarif.Result> results = new LinkedHashMap<>();
        int noFile = 0;
        int outside = 0;
        int suppressed = 0;
        for (Finding f : report.findings()) {
            if (f.suppressed() && !options.includeSuppressed()) {
                suppressed++;
                continue;
            }
            Integer index = ruleIndex.get(f.ruleId());
            Location loc = f.location();
            if (index == null || loc == null || ("-".equals(loc.file()) && options.stdinPath() == null)) {
                noFile++;
                continue;
            }
            String uri;
            String lineHash = null;
            if ("-".equals(loc.file())) {
                uri = stdinUri(options.stdinPath());
            } else {
                Optional<Path> file = uris.resolve(loc.file());
                if (file.isEmpty()) {
                    outside++;
                    continue;
                }
                uri = uris.uriOf(file.get());
                lineHash = hashes.computeIfAbsent(file.get(),
                        p -> options.files().read(p).map(LineHashes::of).orElse(Map.of())).get(loc.line());
            }
            String key = f.ruleId() + "\u0000" + uri + "\u0000" + loc.line();
            Sarif.Result existing = results.get(key);
            if (existing != null) {
                results.put(key, merged(existing, f));
                continue;
            }
            results.put(key, result(f, index, uri, lineHash));
        }
        List<Sarif.Notification> notices = notices(report, noFile, outside, suppressed);
        Sarif.Run run = new Sarif.Run(
                new Sarif.Tool(new Sarif.Driver("shimscan", toolVersion, "https://github.com/shimscan/shimscan", rules)),
                options.category() == null ? null : new Sarif.AutomationDetails(categoryId(options.category())),
                List.of(new Sarif.Invocation(report.coverage().errors().isEmpty(), notices)),
                "utf16CodeUnits",
                Map.of(Sarif.SRCROOT, new Sarif.BaseUri(new Sarif.Message("The repository root."))),
                List.copyOf(results.values()));
        return new Sarif.Log(Sarif.SCHEMA, Sarif.VERSION, List.of(run));
    }

    private List<Sarif.Notification> notices(Report report, int noFile, int outside, int suppressed) {
        List<Sarif.Notification> out = new ArrayList<>();
        if (noFile > 0) {
            say(out, noFile + " finding(s) have no repository file (stdin, cluster or host) and are not in the SARIF"
                    + " output; name the file that stdin stands for with --stdin-path");
        }
        if (outside > 0) {
            say(out, outside + " finding(s) are in files outside the repository root " + options.repositoryRoot()
                    + " and are not in the SARIF output; set the root with --sarif-root");
        }
        if (suppressed > 0) {
            say(out, suppressed + " suppressed finding(s) are not in the SARIF output (GitHub would show them as"
                    + " open alerts)");
        }
        for (ScanProblem p : report.coverage().errors()) {
            out.add(new Sarif.Notification("error", new Sarif.Message((p.file() == null ? "" : p.file()
                    + (p.line() == null ? "" : ":" + p.line()) + ": ") + p.message()), null));
        }
        return out;
    }

    private void say(List<Sarif.Notification> out, String text) {
        options.notices().accept("SARIF: " + text);
        out.add(new Sarif.Notification("warning", new Sarif.Message(text), null));
    }

    private static Sarif.Rule rule(RuleDoc doc) {
        RuleMeta m = doc.meta();
        String full = limit(m.summary() + " " + m.remediation(), 1024);
        String helpText = m.summary() + "\n\nHow to fix: " + m.remediation() + "\n\nMore: " + doc.helpUri();
        String helpMarkdown = doc.helpMarkdown().strip() + "\n\n**How to fix:** " + m.remediation()
                + "\n\n[Rule documentation](" + doc.helpUri() + ")";
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("tags", List.of("dockershim", "kubernetes", family(m.id())));
        props.put("precision", precision(m.id()));
        props.put("problem.severity", m.severity().label().equals("note") ? "recommendation" : m.severity().label());
        return new Sarif.Rule(m.id(), m.name(), new Sarif.Message(limit(m.summary(), 1024)), new Sarif.Message(full),
                new Sarif.Help(helpText, helpMarkdown), doc.helpUri(), new Sarif.Configuration(m.severity().label()),
                props);
    }

    private static Sarif.Result result(Finding f, int ruleIndex, String uri, String lineHash) {
        Location loc = f.location();
        Integer endLine = loc.endLine() != null ? loc.endLine() : loc.line();
        Integer endColumn = loc.endColumn() != null ? loc.endColumn() : loc.column() + 1;
        Sarif.Region region = new Sarif.Region(loc.line(), loc.column(), endLine, endColumn);
        Map<String, Object> props = new LinkedHashMap<>();
        if (f.object() != null) {
            putIfSet(props, "apiVersion", f.object().apiVersion());
            putIfSet(props, "kind", f.object().kind());
            putIfSet(props, "namespace", f.object().namespace());
            putIfSet(props, "name", f.object().name());
        }
        putIfSet(props, "path", f.path());
        putIfSet(props, "container", f.container());
        putIfSet(props, "documentIndex", loc.documentIndex());
        putIfSet(props, "fingerprint", f.fingerprint());
        return new Sarif.Result(f.ruleId(), ruleIndex, f.severity().label(), new Sarif.Message(messageOf(f)),
                List.of(new Sarif.Location(new Sarif.PhysicalLocation(new Sarif.ArtifactLocation(uri, Sarif.SRCROOT),
                        region))),
                lineHash == null ? null : Map.of("primaryLocationLineHash", lineHash),
                f.suppressed() ? List.of(new Sarif.Suppression("external", "suppressed in shimscan")) : null,
                props);
    }

    /** Several findings of one rule on one line become one result (GitHub would merge them anyway). */
    private static Sarif.Result merged(Sarif.Result existing, Finding f) {
        return new Sarif.Result(existing.ruleId(), existing.ruleIndex(), existing.level(),
                new Sarif.Message(existing.message().text() + " Also: " + messageOf(f)), existing.locations(),
                existing.partialFingerprints(), existing.suppressions(), existing.properties());
    }

    /** A self-contained first sentence: the message, then the object and the path in it. */
    static String messageOf(Finding f) {
        String msg = f.message().strip();
        StringBuilder sb = new StringBuilder(msg);
        if (!msg.endsWith(".")) {
            sb.append('.');
        }
        if (f.object() != null) {
            sb.append(" Object: ").append(f.object().display());
            if (f.path() != null) {
                sb.append(", at ").append(f.path());
            }
            sb.append('.');
        }
        return sb.toString();
    }

    private static String stdinUri(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        java.util.Deque<String> segments = new java.util.ArrayDeque<>();
        for (String seg : p.split("/")) {
            if (seg.equals("..")) {
                segments.pollLast();
            } else if (!seg.isEmpty() && !seg.equals(".")) {
                segments.addLast(RepositoryUris.encode(seg));
            }
        }
        return segments.isEmpty() ? "stdin.yaml" : String.join("/", segments);
    }

    private static String categoryId(String category) {
        String c = category.strip();
        return c.endsWith("/") ? c : c + "/";
    }

    private static String family(String id) {
        return switch (id.charAt(2)) {
            case '1' -> "mount";
            case '2' -> "command";
            case '3' -> "image";
            case '4' -> "node";
            case '5' -> "daemon-json";
            case '6' -> "host-script";
            case '7' -> "logging";
            case '8' -> "security-profile";
            default -> "other";
        };
    }

    private static String precision(String id) {
        if (id.matches("DS10[1-5]|DS4\\d\\d|DS5\\d\\d|DS602|DS801")) {
            return "very-high";
        }
        return id.matches("DS30[12]") ? "medium" : "high";
    }

    private static void putIfSet(Map<String, Object> props, String key, Object value) {
        if (value != null) {
            props.put(key, value);
        }
    }

    private static String limit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}
