package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ObjectRef;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.report.Report;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExitCodeTest {
    private static final ScanProblem UNREADABLE = ScanProblem.inFile("a.yaml", ScanProblem.Type.IO, "cannot read");

    @Test
    void codesAreTheDocumentedNumbers() {
        assertThat(List.of(ExitCode.values())).extracting(ExitCode::code).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void findingsAtTheThresholdFailAndLessSevereOnesDoNot() {
        Report warning = report(List.of(finding(Severity.WARNING, false)), List.of());

        assertThat(ExitCode.of(warning, Optional.of(Severity.ERROR))).isEqualTo(ExitCode.CLEAN);
        assertThat(ExitCode.of(warning, Optional.of(Severity.WARNING))).isEqualTo(ExitCode.FINDINGS);
        assertThat(ExitCode.of(warning, Optional.of(Severity.NOTE))).isEqualTo(ExitCode.FINDINGS);
        assertThat(ExitCode.of(warning, Optional.empty())).isEqualTo(ExitCode.CLEAN);
    }

    @Test
    void findingsBeatIncompleteWhichBeatsClean() {
        assertThat(ExitCode.of(report(List.of(finding(Severity.ERROR, false)), List.of(UNREADABLE)),
                Optional.of(Severity.ERROR))).isEqualTo(ExitCode.FINDINGS);
        assertThat(ExitCode.of(report(List.of(finding(Severity.NOTE, false)), List.of(UNREADABLE)),
                Optional.of(Severity.ERROR))).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(ExitCode.of(report(List.of(), List.of(UNREADABLE)), Optional.empty()))
                .isEqualTo(ExitCode.INCOMPLETE);
        assertThat(ExitCode.of(report(List.of(), List.of()), Optional.of(Severity.NOTE))).isEqualTo(ExitCode.CLEAN);
    }

    @Test
    void suppressedFindingsNeverFailTheRun() {
        assertThat(ExitCode.of(report(List.of(finding(Severity.ERROR, true)), List.of()), Optional.of(Severity.NOTE)))
                .isEqualTo(ExitCode.CLEAN);
    }

    private static Finding finding(Severity severity, boolean suppressed) {
        return new Finding("DS101", severity, "m", new ObjectRef("v1", "Pod", "ns", "p"), null, "spec", null, null,
                "fix", null, null, null, "fp", suppressed);
    }

    private static Report report(List<Finding> findings, List<ScanProblem> problems) {
        return new Report(Report.SCHEMA_VERSION, new Report.Tool("shimscan", "1"),
                new Report.Scan(SourceKind.MANIFEST, List.of("."), "2026-01-01T00:00:00Z", 1),
                new Report.Summary(findings.size(), Map.of(), Map.of(), 1, 1, 0), findings, List.of(),
                new Report.Coverage(Map.of(), List.of(), problems));
    }
}
