package dev.shimscan.cli;

import dev.shimscan.core.report.ConsoleRenderer;
import dev.shimscan.core.report.JsonReportWriter;
import dev.shimscan.core.report.Renderer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report formats the CLI can write, each a {@link Renderer} with the file extensions that select it for a
 * bare {@code -o FILE}. A new format (SARIF, HTML, Markdown, ...) is one more entry in {@link #standard()}.
 */
final class ReportFormats {

    /** A format: its renderer and the file name endings that imply it ({@code .json}). */
    record Format(Renderer renderer, List<String> extensions) {
        String name() {
            return renderer.format();
        }
    }

    private final List<Format> formats;

    ReportFormats(List<Format> formats) {
        this.formats = List.copyOf(formats);
    }

    static ReportFormats standard() {
        return new ReportFormats(List.of(
                new Format(new ConsoleRenderer(), List.of(".txt")),
                new Format(new JsonReportWriter(), List.of(".json"))));
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
