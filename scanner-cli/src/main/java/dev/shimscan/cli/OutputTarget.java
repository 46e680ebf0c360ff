package dev.shimscan.cli;

import dev.shimscan.core.report.Renderer;
import java.nio.file.Path;

/** One report to write: a format, its renderer, and a file or (when {@code file} is null) stdout. */
record OutputTarget(ReportFormats.Format format, Path file, Renderer renderer) {

    boolean toStdout() {
        return file == null;
    }

    String describe() {
        return format.name() + (toStdout() ? " on stdout" : " report " + file);
    }
}
