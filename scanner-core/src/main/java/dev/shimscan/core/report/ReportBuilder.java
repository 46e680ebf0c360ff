package dev.shimscan.core.report;

import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.rule.RuleMeta;
import java.time.format.DateTimeFormatter;
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
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.label(), 0);
        }
        Map<String, Integer> byRule = new TreeMap<>();
        for (RuleMeta m : result.rulesRun()) {
            byRule.put(m.id(), 0);
        }
        for (Finding f : result.findings()) {
            bySeverity.merge(f.severity().label(), 1, Integer::sum);
            byRule.merge(f.ruleId(), 1, Integer::sum);
        }
        int objects = result.objectsByKind().values().stream().mapToInt(Integer::intValue).sum();
        Report.Summary summary = new Report.Summary(result.findings().size(), bySeverity, byRule, objects,
                result.filesScanned(), result.documentsSkipped());
        Report.Scan scan = new Report.Scan(result.source(), result.targets(),
                DateTimeFormatter.ISO_INSTANT.format(result.startedAt().truncatedTo(ChronoUnit.SECONDS)),
                result.durationMs());
        Report.Coverage coverage = new Report.Coverage(new TreeMap<>(result.objectsByKind()), List.of(),
                result.problems());
        return new Report(Report.SCHEMA_VERSION, new Report.Tool(ToolVersion.NAME, ToolVersion.version()), scan,
                summary, result.findings(), List.of(), coverage);
    }
}
