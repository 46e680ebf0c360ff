package dev.shimscan.reports;

import dev.shimscan.core.report.RenderOptions;
import dev.shimscan.core.report.Renderer;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.rule.RuleDoc;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML report: one self-contained file (inline CSS and JavaScript, no network access, a Content Security
 * Policy that forbids any), from {@code report.html.ftlh} (or a {@code --template}), which escapes every value.
 * The data model is {@code report}, a {@link ReportView}.
 */
public final class HtmlRenderer implements Renderer {
    private final List<RuleDoc> catalog;
    private final Path template;

    /** @param template a user's template file, or null for the built-in one */
    public HtmlRenderer(List<RuleDoc> catalog, Path template) {
        this.catalog = List.copyOf(catalog);
        this.template = template;
    }

    @Override
    public String format() {
        return "html";
    }

    @Override
    public void render(Report report, RenderOptions options, OutputStream out) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("report", ReportView.of(report, catalog));
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        if (template == null) {
            Templates.render("report.html.ftlh", model, writer);
        } else {
            Templates.renderFile(template, model, writer);
        }
        writer.flush();
    }
}
