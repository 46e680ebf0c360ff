package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.report.RenderOptions;
import dev.shimscan.core.report.Report;
import dev.shimscan.reports.HtmlRenderer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of {@code examples/} in a real browser (Debian's headless {@code chromium}, which
 * {@code .ci/run} installs): it loads from {@code file://} without console errors and without a single network
 * request, the filter box, the severity toggles, the grouping and the URL fragment narrow the list as they should.
 * Skipped, with the reason, only when chromium is not installed. With {@code -Dshimscan.updateScreenshot=true} it
 * also writes {@code docs/report.png}, the README's screenshot.
 */
class HtmlReportBrowserTest {
    private static final String VISIBLE = "document.querySelectorAll('#groups .finding:not([hidden])').length";
    private static final String SETTLE = "new Promise(r => setTimeout(() => r(true), 0))";

    @TempDir
    static Path dir;
    private static HeadlessChromium browser;
    private static Report report;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = HeadlessChromium.binary();
        Assumptions.assumeTrue(chromium != null, "chromium is not installed (/usr/bin/chromium or -Dshimscan.chromium):"
                + " the browser check of the HTML report is skipped; .ci/run installs it with"
                + " apt-get install -y --no-install-recommends chromium");
        report = ReportGoldenTest.examples();
        Path html = dir.resolve("shimscan report.html");
        try (OutputStream out = Files.newOutputStream(html)) {
            new HtmlRenderer(ReportFormats.catalog(), null).render(report, RenderOptions.PLAIN, out);
        }
        url = html.toUri().toString();
        browser = new HeadlessChromium(chromium);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    private static int total() {
        return report.findings().size();
    }

    @Test
    void theReportLoadsFromFileWithoutErrorsOrNetworkRequestsAndTheFilterNarrowsTheList() throws Exception {
        browser.navigate("about:blank");
        int before = browser.requests().size();
        browser.navigate(url);

        assertThat(browser.eval("document.documentElement.dataset.state").asText()).isEqualTo("ready");
        assertThat(browser.eval(VISIBLE).asInt()).isEqualTo(total());
        assertThat(browser.eval("document.getElementById('status').textContent").asText())
                .isEqualTo("Showing all " + total() + " findings");

        browser.send("Runtime.evaluate", java.util.Map.of("expression", "document.getElementById('filter').focus()"));
        browser.send("Input.insertText", java.util.Map.of("text", "gitlab-runner"));
        browser.eval(SETTLE);
        long expected = report.findings().stream()
                .filter(f -> f.location() != null && f.location().file().contains("gitlab-runner")
                        || f.object() != null && f.object().display().contains("gitlab-runner"))
                .count();
        assertThat(expected).isBetween(1L, (long) total() - 1);
        assertThat(browser.eval(VISIBLE).asInt()).isEqualTo((int) expected);
        assertThat(browser.eval("document.getElementById('status').textContent").asText())
                .isEqualTo("Showing " + expected + " of " + total() + " findings");
        assertThat(browser.eval("location.hash").asText()).isEqualTo("#q=gitlab-runner");

        assertThat(browser.errors()).as("console errors and exceptions").isEmpty();
        assertThat(browser.requests().subList(before, browser.requests().size())).as("requests of the page")
                .containsExactly(url);
        assertThat(browser.eval("document.documentElement.hasAttribute('data-errors')").asBoolean()).isFalse();
    }

    @Test
    void severityTogglesHideASeverityAndGroupingRegroupsTheSameFindings() throws Exception {
        browser.navigate("about:blank");
        browser.navigate(url);
        long errors = report.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();

        browser.eval("document.querySelector('.sev-toggle.error').click()");

        assertThat(browser.eval(VISIBLE).asInt()).isEqualTo(total() - (int) errors);
        assertThat(browser.eval("document.querySelectorAll('#groups .finding.sev-error:not([hidden])').length").asInt())
                .isZero();
        assertThat(browser.eval("document.querySelector('.sev-toggle.error').getAttribute('aria-pressed')").asText())
                .isEqualTo("false");

        browser.eval("var s = document.getElementById('group-by'); s.value = 'namespace';"
                + " s.dispatchEvent(new Event('change'))");
        long namespaces = report.findings().stream().map(f -> f.object() == null || f.object().namespace() == null
                ? "" : f.object().namespace()).distinct().count();
        assertThat(browser.eval("document.querySelectorAll('#groups .group').length").asInt()).isEqualTo((int) namespaces);
        assertThat(browser.eval("document.querySelectorAll('#groups .finding').length").asInt()).isEqualTo(total());
        assertThat(browser.eval(VISIBLE).asInt()).isEqualTo(total() - (int) errors);
        assertThat(browser.eval("location.hash").asText()).isEqualTo("#sev=warning,note&group=namespace");
        assertThat(browser.errors()).isEmpty();
    }

    @Test
    void aFilteredViewOpensFromItsUrlFragment() throws Exception {
        browser.navigate("about:blank");
        browser.navigate(url + "#q=fluentd&sev=error");

        long expected = report.findings().stream().filter(f -> f.severity() == Severity.ERROR)
                .filter(HtmlReportBrowserTest::mentionsFluentd).count();
        assertThat(expected).isPositive();
        assertThat(browser.eval(VISIBLE).asInt()).isEqualTo((int) expected);
        assertThat(browser.eval("document.getElementById('filter').value").asText()).isEqualTo("fluentd");
        assertThat(browser.errors()).isEmpty();
    }

    @Test
    void ruleLinksOpenTheirHelpSection() throws Exception {
        browser.navigate("about:blank");
        browser.navigate(url);
        String rule = browser.eval("document.querySelector('.finding a.rule').textContent").asText();
        assertThat(rule).matches("DS\\d+");
        assertThat(browser.eval("document.getElementById('rule-" + rule + "').open").asBoolean()).isFalse();

        browser.eval("document.querySelector('.finding a.rule').click()");
        browser.eval(SETTLE);

        assertThat(browser.eval("document.getElementById('rule-" + rule + "').open").asBoolean()).isTrue();
        assertThat(browser.errors()).isEmpty();
    }

    @Test
    void screenshotForTheReadme() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("shimscan.updateScreenshot"),
                "docs/report.png is rewritten only with -Dshimscan.updateScreenshot=true");
        browser.navigate("about:blank");
        browser.navigate(url);
        byte[] png = browser.screenshot(1280, 1480);
        Path target = Cli.projectDir().resolve("docs/report.png");
        Files.write(target, png);
        assertThat(Files.size(target)).isGreaterThan(10_000);
    }

    private static boolean mentionsFluentd(Finding f) {
        String text = String.join(" ", Optional.ofNullable(f.message()).orElse(""),
                f.object() == null ? "" : f.object().display(), Optional.ofNullable(f.evidence()).orElse(""),
                Optional.ofNullable(f.path()).orElse(""), Optional.ofNullable(f.remediation()).orElse(""),
                f.location() == null ? "" : f.location().file());
        return text.toLowerCase().contains("fluentd");
    }
}
