package dev.shimscan.cli;

import dev.shimscan.core.report.ConsoleRenderer;
import dev.shimscan.core.report.JsonReportWriter;
import dev.shimscan.core.report.Renderer;
import dev.shimscan.core.report.ToolVersion;
import dev.shimscan.core.report.gitlab.CodeQualityOptions;
import dev.shimscan.core.report.gitlab.CodeQualityRenderer;
import dev.shimscan.core.report.junit.JUnitRenderer;
import dev.shimscan.core.report.sarif.SarifOptions;
import dev.shimscan.core.report.sarif.SarifRenderer;
import dev.shimscan.core.rule.RuleDoc;
import dev.shimscan.core.rule.RuleRegistry;
import dev.shimscan.reports.HtmlRenderer;
import dev.shimscan.reports.MarkdownRenderer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The report formats the CLI can write, each a factory of its {@link Renderer} with the file name endings that
 * select it for a bare {@code -o FILE}. A new format is one more entry in {@link #standard()}.
 */
final class ReportFormats {

    /**
     * A format: its name on the command line, the file name endings that imply it ({@code .json}), and how its
     * renderer is made from the run's {@link FormatSettings}.
     */
    record Format(String name, List<String> extensions, Function<FormatSettings, Renderer> factory) {
        Renderer renderer(FormatSettings settings) {
            return factory.apply(settings);
        }
    }

    private final List<Format> formats;

    ReportFormats(List<Format> formats) {
        this.formats = List.copyOf(formats);
    }

    static ReportFormats standard() {
        return new ReportFormats(List.of(
                new Format("console", List.of(".txt"), s -> new ConsoleRenderer()),
                new Format("json", List.of(".json"), s -> new JsonReportWriter()),
                new Format("sarif", List.of(".sarif", ".sarif.json"), ReportFormats::sarif),
                new Format("html", List.of(".html", ".htm"), s -> new HtmlRenderer(catalog(), s.template())),
                new Format("markdown", List.of(".md", ".markdown"), s -> new MarkdownRenderer(catalog(), s.template())),
                new Format("gitlab", List.of(".gitlab.json", "code-quality-report.json", ".codequality.json"),
                        ReportFormats::gitlab),
                new Format("junit", List.of(".xml"), s -> new JUnitRenderer(catalog(), s.failOn()))));
    }

    /** The formats that use {@code --template}. */
    static boolean usesTemplate(Format f) {
        return f.name().equals("html") || f.name().equals("markdown");
    }

    private static Renderer sarif(FormatSettings s) {
        SarifOptions options = SarifOptions.forRepository(s.repositoryRoot(), s.workingDirectory(), s.notices())
                .withStdinPath(s.stdinPath()).withSuppressed(s.includeSuppressed()).withCategory(s.sarifCategory());
        return new SarifRenderer(catalog(), options, ToolVersion.version());
    }

    private static Renderer gitlab(FormatSettings s) {
        return new CodeQualityRenderer(new CodeQualityOptions(s.repositoryRoot(), s.workingDirectory(), s.stdinPath(),
                s.includeSuppressed(), s.notices()));
    }

    /** Every registered rule with its help: SARIF, HTML, Markdown and JUnit describe the rules, not only the hits. */
    static List<RuleDoc> catalog() {
        return RuleRegistry.load().rules().stream().map(RuleDoc::of).toList();
    }

    Optional<Format> byName(String name) {
        return formats.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The format a file name implies by its ending; the longest matching ending wins. */
    Optional<Format> byFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        Format best = null;
        int bestLength = 0;
        for (Format f : formats) {
            for (String ext : f.extensions()) {
                if (lower.endsWith(ext) && ext.length() > bestLength) {
                    best = f;
                    bestLength = ext.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    List<String> names() {
        return formats.stream().map(Format::name).toList();
    }

    /** The format names, for picocli's {@code ${COMPLETION-CANDIDATES}}. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return new ArrayList<>(standard().names()).iterator();
        }
    }
}
