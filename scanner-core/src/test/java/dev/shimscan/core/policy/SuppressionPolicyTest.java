package dev.shimscan.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.engine.ResourceChecker;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.model.Suppression;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.report.ReportBuilder;
import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.source.manifest.FileScan;
import dev.shimscan.core.source.manifest.ManifestFileScanner;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.core.yaml.DocumentReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Annotation suppressions (applied by the engine) and the policy of a configuration file, on a small manifest. */
class SuppressionPolicyTest {
    /** DS990: every hostPath path; DS991: every image (two rules, to suppress one and not the other). */
    private static final class HostPaths implements Rule {
        static final RuleMeta META = new RuleMeta("DS990", "test-host-path", Severity.ERROR,
                Set.of(SourceKind.MANIFEST), "Any hostPath.", "None.");

        @Override
        public RuleMeta meta() {
            return META;
        }

        @Override
        public void check(Resource resource, RuleContext ctx) {
            for (NodeRef v : resource.root().at("spec", "volumes").elements()) {
                if (v.at("hostPath", "path").exists()) {
                    ctx.report(Hit.at(v.at("hostPath", "path"), "hostPath " + v.get("name").textOr("?")));
                }
            }
        }
    }

    private static final class Images implements Rule {
        static final RuleMeta META = new RuleMeta("DS991", "test-image", Severity.NOTE,
                Set.of(SourceKind.MANIFEST), "Any image.", "None.");

        @Override
        public RuleMeta meta() {
            return META;
        }

        @Override
        public void check(Resource resource, RuleContext ctx) {
            for (NodeRef c : resource.root().at("spec", "containers").elements()) {
                ctx.report(Hit.at(c.get("image"), "image"));
            }
        }
    }

    private static final String MANIFEST = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: with-reason
              namespace: mon
              annotations:
                shimscan.io/ignore: "DS990, ds999"
                shimscan.io/ignore-reason: "node agent, until OPS-1"
            spec:
              containers: [{name: a, image: busybox}]
              volumes: [{name: sock, hostPath: {path: /var/run/docker.sock}}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: without-reason
              namespace: mon
              annotations: {shimscan.io/ignore: all}
            spec:
              containers: [{name: a, image: busybox}]
              volumes: [{name: sock, hostPath: {path: /var/run/docker.sock}}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: plain
              namespace: ci
            spec:
              containers: [{name: a, image: busybox}]
              volumes: [{name: sock, hostPath: {path: /var/run/docker.sock}}]
            """;

    private static List<Finding> scan() {
        ManifestFileScanner scanner = new ManifestFileScanner(new DocumentReader(),
                new ResourceChecker(List.of(new HostPaths(), new Images()), SourceKind.MANIFEST));
        FileScan scan = scanner.scanText("k8s/mon/pods.yaml", false, MANIFEST);
        assertThat(scan.problems()).isEmpty();
        return scan.findings();
    }

    private static String describe(Finding f) {
        Suppression s = f.suppression();
        return f.object().name() + " " + f.ruleId() + " " + (f.suppressed() ? "suppressed " + s.source() + " "
                + s.reason() + " " + s.origin() : "active");
    }

    @Test
    void theObjectsAnnotationSuppressesTheRulesItNamesWithOrWithoutAReason() {
        assertThat(scan()).extracting(SuppressionPolicyTest::describe).containsExactlyInAnyOrder(
                "with-reason DS990 suppressed annotation node agent, until OPS-1 Pod/mon/with-reason",
                "with-reason DS991 active",
                "without-reason DS990 suppressed annotation null Pod/mon/without-reason",
                "without-reason DS991 suppressed annotation null Pod/mon/without-reason",
                "plain DS990 active",
                "plain DS991 active");
    }

    private static Report report() {
        List<Finding> findings = scan();
        return ReportBuilder.build(new ScanResult(SourceKind.MANIFEST, List.of("k8s"), Instant.EPOCH, 0,
                List.of(HostPaths.META, Images.META), findings, List.of(), Map.of("Pod", 3), 1, 0, List.of()));
    }

    private static FindingPolicy policy(List<SuppressionEntry> entries) {
        return new FindingPolicy(Map.of(), null, List.of(), List.of(), entries,
                FindingPolicy.RelativeFiles.from(Path.of("/repo"), Path.of("/repo")));
    }

    private static SuppressionEntry entry(String rule, String kind, String ns, String name, String file,
                                          String expires) {
        return new SuppressionEntry(Glob.name(rule, true), new ObjectSelector(kind == null ? null : Glob.name(kind, true),
                ns == null ? null : Glob.name(ns, false), name == null ? null : Glob.name(name, false)),
                file == null ? null : Glob.path(file), "accepted", expires == null ? null : LocalDate.parse(expires),
                ".shimscan.yaml:7");
    }

    @Test
    void summaryCountsSuppressedFindingsApart() {
        Report.Summary s = report().summary();
        assertThat(s.findings()).isEqualTo(3);
        assertThat(s.suppressed()).isEqualTo(3);
        assertThat(s.byRule()).isEqualTo(Map.of("DS990", 1, "DS991", 2));
        assertThat(s.bySeverity()).containsEntry("error", 1).containsEntry("note", 2);
    }

    @Test
    void anEntryMatchingByGlobsSuppressesWithItsReasonAndOrigin() {
        Report r = policy(List.of(entry("DS99*", "pod", "c?", "pl*", "k8s/**", null)))
                .apply(report(), LocalDate.parse("2026-01-01"));
        assertThat(r.findings()).filteredOn(f -> f.object().name().equals("plain")).allSatisfy(f -> {
            assertThat(f.suppressed()).isTrue();
            assertThat(f.suppression()).isEqualTo(new Suppression("config", "accepted", ".shimscan.yaml:7", null));
        });
        assertThat(r.summary().findings()).isEqualTo(1);
        assertThat(r.summary().suppressed()).isEqualTo(5);
        assertThat(r.expiredSuppressions()).isEmpty();
    }

    @Test
    void anEntryWhoseFileOrObjectGlobDoesNotMatchSuppressesNothing() {
        Report byFile = policy(List.of(entry("*", null, null, null, "other/**", null)))
                .apply(report(), LocalDate.parse("2026-01-01"));
        Report byName = policy(List.of(entry("DS990", null, null, "plainer", null, null)))
                .apply(report(), LocalDate.parse("2026-01-01"));
        assertThat(byFile.summary().suppressed()).isEqualTo(3);
        assertThat(byName.summary().suppressed()).isEqualTo(3);
    }

    @Test
    void anExpiredEntryNoLongerSuppressesAndIsListedWithWhatItWouldMatch() {
        List<SuppressionEntry> entries = List.of(entry("DS990", null, "ci", null, null, "2025-12-31"));
        Report onTheLastDay = policy(entries).apply(report(), LocalDate.parse("2025-12-31"));
        assertThat(onTheLastDay.expiredSuppressions()).isEmpty();
        assertThat(onTheLastDay.summary().suppressed()).isEqualTo(4);

        Report after = policy(entries).apply(report(), LocalDate.parse("2026-01-01"));
        assertThat(after.summary().suppressed()).isEqualTo(3);
        assertThat(after.expiredSuppressions()).containsExactly(
                new Report.ExpiredSuppression(".shimscan.yaml:7", "DS990", "accepted", "2025-12-31", 1));
    }

    @Test
    void exclusionsDropFindingsAndSeveritiesAreOverriddenBeforeTheMinimumApplies() {
        FindingPolicy p = new FindingPolicy(Map.of(Glob.name("DS991", true), Severity.ERROR), Severity.WARNING,
                List.of(Glob.name("m*", false)), List.of(), List.of(), FindingPolicy.RelativeFiles.NONE);
        Report r = p.apply(report(), LocalDate.parse("2026-01-01"));
        assertThat(r.findings()).extracting(f -> f.object().name() + " " + f.ruleId() + " " + f.severity().label())
                .containsExactlyInAnyOrder("plain DS990 error", "plain DS991 error");
        assertThat(r.summary().byRule()).isEqualTo(Map.of("DS990", 1, "DS991", 1));

        FindingPolicy objects = new FindingPolicy(Map.of(), Severity.WARNING, List.of(),
                List.of(new ObjectSelector(Glob.name("Pod", true), null, Glob.name("plain", false))), List.of(),
                FindingPolicy.RelativeFiles.NONE);
        assertThat(objects.apply(report(), LocalDate.parse("2026-01-01")).findings())
                .extracting(f -> f.object().name() + " " + f.ruleId())
                .containsExactlyInAnyOrder("with-reason DS990", "without-reason DS990");
    }
}
