package dev.shimscan.cli;

import java.nio.file.Path;

/** One report to write: a format, and a file or (when {@code file} is null) stdout. */
record OutputTarget(ReportFormats.Format format, Path file) {

    static OutputTarget stdout(ReportFormats.Format format) {
        return new OutputTarget(format, null);
    }

    boolean toStdout() {
        return file == null;
    }

    String describe() {
        return format.name() + (toStdout() ? " on stdout" : " report " + file);
    }
}
