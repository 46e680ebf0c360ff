package dev.shimscan.core.report;

import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.rule.RuleMeta;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the {@link Report} from a scan's result: counts, the summary and the coverage section. */
public final class ReportBuilder {
    private ReportBuilder() {
    }

    public static Report build(ScanResult result) {
        List<String> rulesRun = result.rulesRun().stream().map(RuleMeta::id).toList();
        int objects = result.objectsByKind().values().stream().mapToInt(Integer::intValue).sum();
        Report.Summary summary = summarize(result.findings(), rulesRun, objects, result.filesScanned(),
                result.documentsSkipped(), null);
        Report.Scan scan = new Report.Scan(result.source(), result.targets(),
                DateTimeFormatter.ISO_INSTANT.format(result.startedAt().truncatedTo(ChronoUnit.SECONDS)),
                result.durationMs());
        Report.Coverage coverage = new Report.Coverage(new TreeMap<>(result.objectsByKind()), List.of(),
                result.problems(), List.of(), result.filesNotParsed());
        return new Report(Report.SCHEMA_VERSION, new Report.Tool(ToolVersion.NAME, ToolVersion.version()), scan,
                summary, result.findings(), List.of(), coverage);
    }

    /**
     * The summary of {@code findings}: {@code findings}, {@code bySeverity} and {@code byRule} count those that are
     * not suppressed ({@code byRule} lists every rule of {@code rulesRun}, zero included), {@code suppressed} the
     * others.
     */
    public static Report.Summary summarize(List<Finding> findings, Collection<String> rulesRun, int objects,
                                           int files, int documentsSkipped, Report.BaselineSummary baseline) {
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.label(), 0);
        }
        Map<String, Integer> byRule = new TreeMap<>();
        for (String id : rulesRun) {
            byRule.put(id, 0);
        }
        int active = 0;
        int suppressed = 0;
        for (Finding f : findings) {
            if (f.suppressed()) {
                suppressed++;
                continue;
            }
            active++;
            bySeverity.merge(f.severity().label(), 1, Integer::sum);
            byRule.merge(f.ruleId(), 1, Integer::sum);
        }
        return new Report.Summary(active, bySeverity, byRule, objects, files, documentsSkipped, suppressed, baseline);
    }
}
