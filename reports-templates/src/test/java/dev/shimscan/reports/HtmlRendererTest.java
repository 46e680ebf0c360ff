package dev.shimscan.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shimscan.core.report.RenderOptions;
import dev.shimscan.core.report.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlRendererTest {
    private static String html(Report report, Path template) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HtmlRenderer(SyntheticReports.CATALOG, template).render(report, RenderOptions.PLAIN, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void withABaselineEachFindingIsMarkedNewOrExistingTheFixedOnesAreListedAndSuppressionsSayWhy() throws IOException {
        String html = html(SyntheticReports.withBaseline(), null);

        assertThat(html).contains("Compared with the baseline <code>baseline.json</code>: <b>1 new</b>, 2 existing, 1 "
                + "fixed (only new findings can fail the run).");
        assertThat(html).containsOnlyOnce("<span class=\"badge baseline-new\">new</span>");
        assertThat(html.split("<span class=\"badge baseline-existing\">existing</span>", -1)).hasSize(3);
        assertThat(html).contains("<b>Suppressed:</b> Docker-in-Docker until the Q3 migration (annotation on "
                + "Deployment ci/runner)");
        assertThat(html).contains("<summary>Fixed since the baseline (1)</summary>")
                .contains("DS204 <code>Deployment/apps/old</code> at <code>deploy/old.yaml:5:13</code>: DOCKER_HOST "
                        + "points at the node&#39;s Docker daemon</li>");
        assertThat(html(SyntheticReports.many(3), null)).doesNotContain("Compared with the baseline")
                .doesNotContain("<span class=\"badge baseline-").doesNotContain("Fixed since the baseline");
    }

    @Test
    void markupInMessagesObjectsFilesAndEvidenceStaysInertText() throws IOException {
        String html = html(SyntheticReports.hostile(), null);

        assertThat(count(html, "<script")).as("only the report's own script").isEqualTo(1);
        assertThat(html).doesNotContain("<img").doesNotContain("alert(2)</script>").doesNotContain("</pre></article>")
                .contains("message &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;quoted&quot; &amp; &lt;img")
                .contains("data-file=\"deploy/&lt;evil&gt;&amp;&quot;file&quot;.yaml\"")
                .contains("data-wl=\"Deployment/ns-&lt;b&gt;/name&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\"")
                .contains("&lt;/pre&gt;&lt;/article&gt;");
    }

    @Test
    void theFileIsSelfContainedAndForbidsNetworkAccess() throws IOException {
        String html = html(SyntheticReports.many(30), null);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").contains("</script>\n</body>\n</html>")
                .contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                        + "script-src 'unsafe-inline'; img-src data:\"");
        assertThat(html).doesNotContainPattern("(?i)<link\\b").doesNotContainPattern("(?i)\\bsrc\\s*=")
                .doesNotContainPattern("(?i)@import").doesNotContainPattern("(?i)url\\(");
        Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        int links = 0;
        while (href.find()) {
            links++;
            assertThat(href.group(1)).as("a link in the page").matches("#rule-DS\\d+|"
                    + Pattern.quote(dev.shimscan.core.rule.RuleDoc.DOCS_BASE) + "DS\\d+\\.md");
        }
        assertThat(links).isGreaterThan(30);
    }

    @Test
    void tenThousandFindingsAreAllThereGroupedWithTheirDataForTheFilter() throws IOException {
        String html = html(SyntheticReports.many(10_000), null);

        assertThat(count(html, "<article class=\"finding ")).isEqualTo(10_000);
        assertThat(count(html, "<section class=\"group\"")).isEqualTo(6);
        assertThat(html).contains("<p id=\"status\" data-shown=\"10000\">Showing all 10000 findings</p>")
                .contains("data-ns=\"team-49\"").contains("data-wl=\"DaemonSet/team-49/agent-2499\"")
                .contains("<h1>2500 workloads and 0 nodes still depend on Docker Engine</h1>");
        assertThat(html.length()).as("about 1.3 KB a finding").isLessThan(14_000_000);
    }

    @Test
    void verdictCountsAndHelpOfTheRulesThatFired() throws IOException {
        String html = html(SyntheticReports.many(12), null);

        assertThat(html).contains("<h1>3 workloads and 0 nodes still depend on Docker Engine</h1>")
                .contains("<div class=\"stat error\"><b>4</b><span>error</span></div>")
                .contains("<details class=\"rule-help\" id=\"rule-DS101\">")
                .contains("<h4>What it finds</h4>")
                .contains("<a href=\"https://github.com/shimscan/shimscan/blob/main/docs/rules/DS101.md\">DS101</a>")
                .doesNotContain("id=\"rule-DS401\"");
    }

    @Test
    void aCustomTemplateGetsTheSameModelAndHtmlEscaping(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(dir.resolve("mine.ftlh"),
                "<h1>${report.verdict.headline}</h1><#list report.findings as f><p>${f.message}</p></#list>");

        String html = html(SyntheticReports.hostile(), template);

        assertThat(html).startsWith("<h1>1 workload and 0 nodes still depend on Docker Engine</h1><p>message &lt;script&gt;");
    }

    @Test
    void aBrokenCustomTemplateFailsWithItsNameAndLineAndWritesNoStackTraceIntoTheReport(@TempDir Path dir)
            throws IOException {
        Path template = Files.writeString(dir.resolve("broken.ftlh"), "<p>\n${report.noSuchThing}</p>");

        assertThatThrownBy(() -> html(SyntheticReports.hostile(), template))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("template broken.ftlh failed: ")
                .hasMessageContaining("report.noSuchThing")
                .hasMessageContaining("line 2");
    }

    @Test
    void templatesCannotReachJavaObjectsOrTheJavaApi(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(dir.resolve("new.ftl"),
                "<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}");
        assertThatThrownBy(() -> html(SyntheticReports.hostile(), template)).isInstanceOf(IOException.class)
                .hasMessageContaining("Execute");
    }
}
