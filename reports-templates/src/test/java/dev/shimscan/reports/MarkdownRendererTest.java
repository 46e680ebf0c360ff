package dev.shimscan.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownRendererTest {
    private static final MarkdownRenderer RENDERER = new MarkdownRenderer(SyntheticReports.CATALOG, null);

    private static long rows(String md) {
        return md.lines().filter(l -> l.matches("\\| (error|warning|note)( \\(suppressed\\))? \\| DS\\d+ \\| .*")).count();
    }

    @Test
    void tenThousandFindingsStayUnderGitHubsCommentLimitWithAClearMoreLine() throws IOException {
        Report report = SyntheticReports.many(10_000);

        String md = RENDERER.text(report);

        assertThat(md.length()).isLessThan(MarkdownRenderer.LIMIT);
        long shown = rows(md);
        assertThat(shown).isEqualTo(MarkdownRenderer.MAX_FINDINGS);
        assertThat(md).contains("### Findings (the 100 most severe)")
                .contains("**9900 more findings** (3234 error, 3333 warning, 3333 note) not shown here");
        assertThat(md.lines().filter(l -> l.startsWith("| error | DS")).count()).as("errors first").isEqualTo(100);
    }

    @Test
    void longFindingsAreCutToFitTheLimit() throws IOException {
        StringBuilder longMessage = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            longMessage.append("a long message about the Docker socket ");
        }
        Report report = dev.shimscan.core.testing.TestReports.manifests(java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> dev.shimscan.core.testing.TestReports.inFile("DS101",
                        dev.shimscan.core.model.Severity.ERROR, longMessage + " " + i,
                        dev.shimscan.core.testing.TestReports.object("Pod", "ns", "p" + i), "f.yaml", i + 1, 1))
                .toList(), java.util.List.of(), java.util.List.of("DS101"));

        String md = RENDERER.text(report);

        assertThat(md.length()).isLessThan(MarkdownRenderer.LIMIT);
        long shown = rows(md);
        assertThat(shown).isBetween(1L, 99L);
        assertThat(md).contains("**" + (100 - shown) + " more findings** (" + (100 - shown) + " error) not shown here");
    }

    @Test
    void everythingAManifestControlsIsEscapedForMarkdownAndHtml() throws IOException {
        String md = RENDERER.text(SyntheticReports.hostile());

        String row = md.lines().filter(l -> l.startsWith("| error | DS101 |")).findFirst().orElseThrow();
        String outsideCode = row.replaceAll("`[^`]*`", "");
        assertThat(outsideCode).doesNotContain("<").doesNotContainPattern("(?<!\\\\)\\]\\(");
        assertThat(row)
                .contains("message &lt;script&gt;alert('x')&lt;/script&gt; \"quoted\" &amp; &lt;img src=x onerror=alert(1)&gt;"
                        + " \\| \\*\\*bold\\*\\* \\[l\\](http://e)")
                .contains("`deploy/<evil>&\"file\".yaml:3:4`")
                .contains("`Deployment/ns-<b>/name\"><script>alert(2)</script>` container `c<script>`");
        assertThat(row.split("(?<!\\\\)\\|", -1)).as("cells").hasSize(7);
    }

    @Test
    void withABaselineTheCommentCountsNewExistingAndFixedListsNewFindingsFirstAndSaysWhyOnesAreSuppressed()
            throws IOException {
        String md = RENDERER.text(SyntheticReports.withBaseline());

        assertThat(md).contains("Compared with the baseline `baseline.json`: **1 new**, 2 existing, 1 fixed (only new "
                + "findings can fail the run).");
        assertThat(md.lines().filter(l -> l.matches("\\| (error|warning).* \\| DS\\d+ \\| .*")).toList()).containsExactly(
                "| error (new) | DS101 | `deploy/web.yaml:12:9` | `Deployment/apps/web` container `agent` | hostPath "
                        + "volume 'sock' mounts the Docker socket |",
                "| warning (existing) | DS103 | `deploy/agent.yaml:30:11` | `DaemonSet/logging/agent` container `agent` "
                        + "| hostPath volume 'containers' mounts /var/lib/docker/containers |",
                "| error (existing) (suppressed: Docker-in-Docker until the Q3 migration (annotation on Deployment "
                        + "ci/runner)) | DS101 | `deploy/runner.yaml:40:9` | `Deployment/ci/runner` container `agent` "
                        + "| hostPath volume 'dind' mounts the Docker socket |");
        assertThat(md).contains("### Fixed since the baseline\n\n- warning DS204 `Deployment/apps/old` at "
                + "`deploy/old.yaml:5:13`: DOCKER\\_HOST points at the node's Docker daemon\n");
    }

    @Test
    void withoutABaselineNothingIsSaidOfOne() throws IOException {
        String md = RENDERER.text(SyntheticReports.many(3));

        assertThat(md).doesNotContain("Compared with the baseline").doesNotContain("(new)").doesNotContain("(existing)")
                .doesNotContain("Fixed since the baseline");
    }

    @Test
    void aCleanReportSaysSoWithoutAFindingsTable() throws IOException {
        String md = RENDERER.text(dev.shimscan.core.testing.TestReports.manifests(java.util.List.of(),
                java.util.List.of(), java.util.List.of("DS101")));

        assertThat(md).startsWith("## ✅ shimscan: No workload or node depends on Docker Engine\n")
                .doesNotContain("### Findings").doesNotContain("| Rule |").endsWith("</sub>\n");
    }

    @Test
    void aCustomTemplateForAnotherTextFormat(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(dir.resolve("slack.txt"),
                "${report.verdict.headline}: <#list top as f>${f.ruleId} ${md(f.message)}<#sep>; </#list>");
        String text = new MarkdownRenderer(SyntheticReports.CATALOG, template).text(SyntheticReports.many(2));
        assertThat(text).isEqualTo("1 workload and 0 nodes still depend on Docker Engine: DS101 hostPath volume "
                + "'dockersock-0' mounts the Docker socket /var/run/docker.sock into container 'agent-0'; DS102 "
                + "hostPath volume 'dockersock-1' mounts the Docker socket /var/run/docker.sock into container 'agent-1'");
    }
}
