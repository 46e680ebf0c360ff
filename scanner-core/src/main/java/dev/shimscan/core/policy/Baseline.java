package dev.shimscan.core.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shimscan.core.model.BaselineStatus;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Location;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.report.ReportBuilder;
import dev.shimscan.core.report.ReportReader;
import dev.shimscan.core.report.ToolVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings a team has accepted for now, by {@code fingerprint}. A run compared with a baseline marks each finding
 * {@code new} or {@code existing}; only new ones fail the run. Baseline findings that are gone are {@code fixed}.
 * Fingerprints may repeat (the same object in two overlays), so the comparison counts: two baseline entries with one
 * fingerprint make two current findings with it existing, a third is new.
 *
 * <p>A baseline file is either a JSON report ({@code shimscan ... -o json=FILE}) or the slimmer form that
 * {@code shimscan baseline create} writes ({@link File}): {@code baselineVersion}, the tool, and per finding the
 * fields needed to recognise and describe it: {@code ruleId}, {@code severity}, {@code message}, {@code object},
 * {@code location} ({@code file} and {@code line} only), {@code path} and {@code fingerprint}. Suppressed findings are
 * not part of a baseline: when their suppression lapses, they are new.
 *
 * @param source   how to name the baseline in reports ({@code .shimscan-baseline.json})
 * @param findings the accepted findings
 */
public record Baseline(String source, List<Finding> findings) {
    public static final String VERSION = "1";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** The slim baseline file. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"baselineVersion", "tool", "createdAt", "findings"})
    public record File(String baselineVersion, Report.Tool tool, String createdAt, List<Entry> findings) {
    }

    /** One accepted finding in the slim file. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"ruleId", "severity", "message", "object", "file", "line", "path", "cluster", "node",
            "fingerprint"})
    public record Entry(String ruleId, String severity, String message, dev.shimscan.core.model.ObjectRef object,
                        String file, Integer line, String path, String cluster, String node, String fingerprint) {
    }

    /** A baseline file that cannot be used; the message names the file. */
    public static final class BadBaselineException extends Exception {
        private static final long serialVersionUID = 1L;

        public BadBaselineException(String message) {
            super(message);
        }
    }

    public Baseline {
        findings = List.copyOf(findings);
    }

    /** The baseline of a report: its findings that are not suppressed. */
    public static Baseline of(String source, Report report) {
        return new Baseline(source, report.findings().stream().filter(f -> !f.suppressed()).toList());
    }

    /** Reads a baseline file: a JSON report or the slim form. */
    public static Baseline read(String source, String text) throws BadBaselineException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (IOException e) {
            throw new BadBaselineException(source + ": not a baseline: not valid JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (tree != null && tree.has("baselineVersion")) {
            if (!VERSION.equals(tree.path("baselineVersion").asText())) {
                throw new BadBaselineException(source + ": baselineVersion " + tree.get("baselineVersion")
                        + " is not supported (this shimscan reads \"" + VERSION + "\")");
            }
            File file;
            try {
                file = MAPPER.treeToValue(tree, File.class);
            } catch (IOException e) {
                throw new BadBaselineException(source + ": not a valid baseline: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            List<Finding> findings = new ArrayList<>();
            for (Entry e : file.findings() == null ? List.<Entry>of() : file.findings()) {
                if (e.fingerprint() == null || e.ruleId() == null) {
                    throw new BadBaselineException(source + ": not a valid baseline: an entry without ruleId or "
                            + "fingerprint");
                }
                findings.add(finding(e));
            }
            return new Baseline(source, findings);
        }
        try {
            ReportReader.Documents docs = ReportReader.read(source, text);
            List<Finding> all = new ArrayList<>();
            docs.reports().forEach(r -> all.addAll(r.findings()));
            return new Baseline(source, all.stream().filter(f -> !f.suppressed()).toList());
        } catch (ReportReader.BadReportException e) {
            throw new BadBaselineException(e.getMessage() + " (a baseline is a JSON report or a file written by "
                    + "'shimscan baseline create')");
        }
    }

    /** Writes this baseline in the slim form. */
    public void write(OutputStream out, String createdAt) throws IOException {
        List<Entry> entries = findings.stream().map(Baseline::entry).toList();
        MAPPER.writeValue(out, new File(VERSION, new Report.Tool(ToolVersion.NAME, ToolVersion.version()), createdAt,
                entries));
        out.write('\n');
        out.flush();
    }

    /**
     * Compares {@code report} with this baseline: every finding gets {@code new} or {@code existing}, the baseline's
     * findings that are gone are the report's {@code fixed}, and the summary gets the counts (of findings that are
     * not suppressed).
     */
    public Report compare(Report report) {
        Map<String, List<Finding>> remaining = new HashMap<>();
        for (Finding f : findings) {
            remaining.computeIfAbsent(f.fingerprint(), k -> new ArrayList<>()).add(f);
        }
        List<Finding> marked = new ArrayList<>(report.findings().size());
        int fresh = 0;
        int existing = 0;
        for (Finding f : report.findings()) {
            List<Finding> same = remaining.get(f.fingerprint());
            boolean known = same != null && !same.isEmpty();
            if (known) {
                same.remove(same.size() - 1);
            }
            marked.add(f.withBaseline(known ? BaselineStatus.EXISTING : BaselineStatus.NEW));
            if (!f.suppressed()) {
                if (known) {
                    existing++;
                } else {
                    fresh++;
                }
            }
        }
        List<Finding> fixed = new ArrayList<>();
        for (Finding f : findings) {
            List<Finding> left = remaining.get(f.fingerprint());
            if (left != null && left.remove(f)) {
                fixed.add(f.withBaseline(BaselineStatus.FIXED));
            }
        }
        fixed.sort(Finding.ORDER);
        Report.Summary s = report.summary();
        Report.Summary summary = ReportBuilder.summarize(marked, s.byRule().keySet(), s.objectsScanned(),
                s.filesScanned(), s.documentsSkipped(), new Report.BaselineSummary(source, fresh, existing,
                        fixed.size()));
        return report.withFindings(summary, List.copyOf(marked), List.copyOf(fixed), report.expiredSuppressions());
    }

    private static Entry entry(Finding f) {
        Location l = f.location();
        return new Entry(f.ruleId(), f.severity().label(), f.message(), f.object(), l == null ? null : l.file(),
                l == null ? null : l.line(), f.path(), f.cluster(), f.node(), f.fingerprint());
    }

    private static Finding finding(Entry e) {
        dev.shimscan.core.model.Severity severity;
        try {
            severity = e.severity() == null ? dev.shimscan.core.model.Severity.WARNING
                    : dev.shimscan.core.model.Severity.parse(e.severity());
        } catch (IllegalArgumentException ex) {
            severity = dev.shimscan.core.model.Severity.WARNING;
        }
        Location location = e.file() == null ? null
                : new Location(e.file(), e.line() == null || e.line() < 1 ? 1 : e.line(), 1, null);
        return new Finding(e.ruleId(), severity, e.message() == null ? e.ruleId() : e.message(), e.object(),
                location, e.path(), null, null, null, e.cluster(), null, null, e.fingerprint(), false, e.node());
    }
}
