package dev.shimscan.reports;

import dev.shimscan.core.model.BaselineStatus;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.report.RenderOptions;
import dev.shimscan.core.report.Renderer;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.rule.RuleDoc;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Markdown for pull-request comments and {@code $GITHUB_STEP_SUMMARY}, from {@code report.md.ftl} (or a
 * {@code --template}): the verdict, counts by severity and rule, the most severe findings first, and the
 * coverage. The whole text stays under GitHub's comment limit ({@value #LIMIT} characters): at most
 * {@value #MAX_FINDINGS} findings are listed, fewer when they are long, and a line says how many more there are.
 */
public final class MarkdownRenderer implements Renderer {
    /** GitHub's limit for a comment body, in characters. */
    public static final int LIMIT = 65_536;
    static final int MAX_FINDINGS = 100;
    private static final int MARGIN = 512;
    /** Unsuppressed first, then (with a baseline) new before existing, then the most severe. */
    private static final Comparator<Finding> TOP = Comparator.comparing(Finding::suppressed)
            .thenComparing(f -> f.baseline() == BaselineStatus.EXISTING)
            .thenComparing(Finding::severity).thenComparing(Finding.ORDER);

    private final List<RuleDoc> catalog;
    private final Path template;

    /** @param template a user's template file, or null for the built-in one */
    public MarkdownRenderer(List<RuleDoc> catalog, Path template) {
        this.catalog = List.copyOf(catalog);
        this.template = template;
    }

    @Override
    public String format() {
        return "markdown";
    }

    @Override
    public void render(Report report, RenderOptions options, OutputStream out) throws IOException {
        out.write(text(report).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The Markdown, within {@link #LIMIT} characters (for the built-in template). */
    public String text(Report report) throws IOException {
        ReportView view = ReportView.of(report, catalog);
        List<Finding> findings = report.findings();
        List<ReportView.FindingView> ranked = new ArrayList<>();
        java.util.stream.IntStream.range(0, findings.size()).boxed()
                .sorted(Comparator.comparing(findings::get, TOP).thenComparing(Comparator.naturalOrder()))
                .forEach(i -> ranked.add(view.findings().get(i)));
        int shown = Math.min(MAX_FINDINGS, ranked.size());
        String text = render(view, ranked, shown);
        while (text.length() > LIMIT - MARGIN && shown > 0) {
            double ratio = (double) (LIMIT - MARGIN) / text.length();
            shown = Math.min(shown - 1, (int) Math.floor(shown * ratio));
            shown = Math.max(shown, 0);
            text = render(view, ranked, shown);
        }
        return text;
    }

    private String render(ReportView view, List<ReportView.FindingView> ranked, int shown) throws IOException {
        List<ReportView.FindingView> top = ranked.subList(0, shown);
        Map<String, Integer> moreBySeverity = new LinkedHashMap<>();
        for (ReportView.FindingView f : ranked.subList(shown, ranked.size())) {
            moreBySeverity.merge(f.severity(), 1, Integer::sum);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("report", view);
        model.put("top", List.copyOf(top));
        model.put("more", ranked.size() - shown);
        model.put("moreBySeverity", moreBySeverity);
        model.put("md", MarkdownText.TEXT);
        model.put("code", MarkdownText.CODE);
        StringWriter out = new StringWriter();
        if (template == null) {
            Templates.render("report.md.ftl", model, out);
        } else {
            Templates.renderFile(template, model, out);
        }
        return out.toString();
    }
}
