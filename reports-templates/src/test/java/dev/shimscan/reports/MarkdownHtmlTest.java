package dev.shimscan.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.rule.RuleDoc;
import dev.shimscan.core.rule.RuleRegistry;
import org.junit.jupiter.api.Test;

class MarkdownHtmlTest {
    private final MarkdownHtml md = new MarkdownHtml(2);

    @Test
    void headingsParagraphsAndInlineMarkup() {
        assertThat(md.render("## How to fix\n\nUse **containerd** and `crictl`,\nnot *docker*.\n"))
                .isEqualTo("<h4>How to fix</h4>\n<p>Use <strong>containerd</strong> and <code>crictl</code>,\n"
                        + "not <em>docker</em>.</p>\n");
    }

    @Test
    void listsWithContinuationLinesAndNumberedLists() {
        assertThat(md.render("- one\n  continued\n- two\n\n1. first\n2. second\n"))
                .isEqualTo("<ul>\n<li>one\ncontinued</li>\n<li>two</li>\n</ul>\n<ol>\n<li>first</li>\n"
                        + "<li>second</li>\n</ol>\n");
    }

    @Test
    void fencedCodeIsEscapedVerbatim() {
        assertThat(md.render("Before:\n\n```yaml\nargs: [\"<b>\", '&']\n  - **x**\n```\n"))
                .isEqualTo("<p>Before:</p>\n<pre><code class=\"language-yaml\">args: [&quot;&lt;b&gt;&quot;, &#39;&amp;&#39;]\n"
                        + "  - **x**\n</code></pre>\n");
    }

    @Test
    void pipeTablesWithPipesInsideCode() {
        assertThat(md.render("| a | b |\n|---|---|\n| `x|y` | **z** |\n"))
                .isEqualTo("<table>\n<thead><tr><th>a</th><th>b</th></tr></thead>\n<tbody>\n"
                        + "<tr><td><code>x|y</code></td><td><strong>z</strong></td></tr>\n</tbody>\n</table>\n");
    }

    @Test
    void htmlInTheTextStaysTextAndOnlySafeLinksBecomeLinks() {
        String html = md.render("<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n"
                + "[docs](https://example.com/a?b=1&c=2) [bad](javascript:alert(1)) [data](data:text/html,x) "
                + "[page](DS101.md#fix)");
        assertThat(html).doesNotContain("<script").doesNotContain("<img")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("<a href=\"https://example.com/a?b=1&amp;c=2\">docs</a>")
                .contains("</a> bad) data <a").doesNotContain("href=\"javascript")
                .contains("<a href=\"DS101.md#fix\">page</a>");
    }

    @Test
    void everyBundledHelpTextRendersWithoutStrayMarkdown() {
        for (var rule : RuleRegistry.load().rules()) {
            String html = md.render(ReportView.withoutTitle(RuleDoc.of(rule).helpMarkdown()));
            assertThat(html).as(rule.meta().id()).contains("<h4>What it finds</h4>").doesNotContain("```")
                    .doesNotContain("**").doesNotContain("<script");
        }
    }
}
