package dev.shimscan.core.engine;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.RuleMeta;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The raw outcome of a scan, before it becomes a report: sorted findings and problems, what was inspected,
 * and the rules that ran (so the report can count zero for each). {@code filesNotParsed} of the
 * {@code filesScanned} were read but not parsed, as their text holds no keyword of an enabled rule.
 */
public record ScanResult(
        SourceKind source,
        List<String> targets,
        Instant startedAt,
        long durationMs,
        List<RuleMeta> rulesRun,
        List<Finding> findings,
        List<ScanProblem> problems,
        Map<String, Integer> objectsByKind,
        int filesScanned,
        int documentsSkipped,
        List<String> missingTargets,
        int filesNotParsed) {

    public ScanResult(SourceKind source, List<String> targets, Instant startedAt, long durationMs,
                      List<RuleMeta> rulesRun, List<Finding> findings, List<ScanProblem> problems,
                      Map<String, Integer> objectsByKind, int filesScanned, int documentsSkipped,
                      List<String> missingTargets) {
        this(source, targets, startedAt, durationMs, rulesRun, findings, problems, objectsByKind, filesScanned,
                documentsSkipped, missingTargets, 0);
    }
}
