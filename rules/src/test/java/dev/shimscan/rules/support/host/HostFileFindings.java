package dev.shimscan.rules.support.host;

import dev.shimscan.core.engine.ResourceChecker;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.source.host.HostFileCategory;
import dev.shimscan.core.source.host.HostFiles;
import java.util.ArrayList;
import java.util.List;

/** Runs rules on one host file through the engine (host source) and shows each finding as {@code LINE:COL RULE}. */
public final class HostFileFindings {
    private HostFileFindings() {
    }

    public static List<Finding> of(List<? extends Rule> rules, String path, HostFileCategory category, String text) {
        List<Finding> findings = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        new ResourceChecker(List.copyOf(rules), SourceKind.HOST)
                .check(HostFiles.resource(path, category, text), findings, problems);
        if (!problems.isEmpty()) {
            throw new AssertionError("problems: " + problems);
        }
        findings.sort(Finding.ORDER);
        return findings;
    }

    /** {@code 3:1 DS601} per finding, in report order. */
    public static List<String> where(List<? extends Rule> rules, String path, HostFileCategory category, String text) {
        return of(rules, path, category, text).stream()
                .map(f -> f.location().line() + ":" + f.location().column() + " " + f.ruleId()).toList();
    }
}
