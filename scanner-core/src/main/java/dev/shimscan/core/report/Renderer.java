package dev.shimscan.core.report;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a report in one format. Renderers read only the report: they never reach back into a source. */
public interface Renderer {
    /** The format's name on the command line ({@code json}, {@code console}, ...). */
    String format();

    void render(Report report, RenderOptions options, OutputStream out) throws IOException;
}
