package dev.shimscan.reports;

import static dev.shimscan.core.testing.TestReports.inFile;
import static dev.shimscan.core.testing.TestReports.object;

import dev.shimscan.core.model.BaselineStatus;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.Suppression;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.rule.RuleDoc;
import dev.shimscan.core.rule.RuleRegistry;
import dev.shimscan.core.testing.TestReports;
import java.util.ArrayList;
import java.util.List;

/** Big and hostile reports for the HTML and Markdown renderers. */
final class SyntheticReports {
    static final List<RuleDoc> CATALOG = RuleRegistry.load().rules().stream().map(RuleDoc::of).toList();
    private static final String[] RULES = {"DS101", "DS102", "DS103", "DS104", "DS105", "DS106"};

    private SyntheticReports() {
    }

    /** {@code n} findings over six rules, 50 namespaces and {@code n / 4} workloads (four findings each). */
    static Report many(int n) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Severity s = i % 3 == 0 ? Severity.ERROR : i % 3 == 1 ? Severity.WARNING : Severity.NOTE;
            findings.add(inFile(RULES[i % RULES.length], s, "hostPath volume 'dockersock-" + i + "' mounts the Docker "
                            + "socket /var/run/docker.sock into container 'agent-" + i + "'",
                    object("DaemonSet", "team-" + (i / 4 % 50), "agent-" + (i / 4)), "deploy/team-" + (i / 4 % 50)
                            + "/agents.yaml", 10 + i, 19));
        }
        return TestReports.manifests(findings, List.of(), List.of(RULES));
    }

    /** Markup, quotes and Markdown in every field a user or a manifest controls. */
    static Report hostile() {
        String evil = "<script>alert('x')</script> \"quoted\" & <img src=x onerror=alert(1)> | **bold** [l](http://e)";
        Finding f = new Finding("DS101", Severity.ERROR, "message " + evil,
                object("Deployment", "ns-<b>", "name\"><script>alert(2)</script>"),
                new dev.shimscan.core.model.Location("deploy/<evil>&\"file\".yaml", 3, 4, 0), "spec.x[\"<k>\"]",
                "c<script>", evidence(evil), "fix " + evil, null, null, null, "0123456789abcdef0123456789abcdef", false);
        return TestReports.manifests(List.of(f), List.of(), List.of("DS101"));
    }

    /**
     * A scan compared with {@code baseline.json}: a new error, an existing warning, an existing error suppressed by
     * an annotation with a reason, and a warning of the baseline that is gone.
     */
    static Report withBaseline() {
        Finding fresh = inFile("DS101", Severity.ERROR, "hostPath volume 'sock' mounts the Docker socket",
                object("Deployment", "apps", "web"), "deploy/web.yaml", 12, 9).withBaseline(BaselineStatus.NEW);
        Finding old = inFile("DS103", Severity.WARNING, "hostPath volume 'containers' mounts /var/lib/docker/containers",
                object("DaemonSet", "logging", "agent"), "deploy/agent.yaml", 30, 11)
                .withBaseline(BaselineStatus.EXISTING);
        Finding accepted = inFile("DS101", Severity.ERROR, "hostPath volume 'dind' mounts the Docker socket",
                object("Deployment", "ci", "runner"), "deploy/runner.yaml", 40, 9)
                .withSuppression(new Suppression(Suppression.ANNOTATION, "Docker-in-Docker until the Q3 migration",
                        "Deployment ci/runner", null))
                .withBaseline(BaselineStatus.EXISTING);
        Finding gone = inFile("DS204", Severity.WARNING, "DOCKER_HOST points at the node's Docker daemon",
                object("Deployment", "apps", "old"), "deploy/old.yaml", 5, 13).withBaseline(BaselineStatus.FIXED);
        Report report = TestReports.manifests(List.of(fresh, old, accepted), List.of(),
                List.of("DS101", "DS103", "DS204"));
        Report.Summary s = report.summary();
        Report.Summary compared = new Report.Summary(2, s.bySeverity(), s.byRule(), s.objectsScanned(),
                s.filesScanned(), s.documentsSkipped(), 1, new Report.BaselineSummary("baseline.json", 1, 2, 1));
        return report.withFindings(compared, List.of(fresh, old, accepted), List.of(gone), List.of());
    }

    private static String evidence(String evil) {
        return "</pre></article>" + evil;
    }
}
