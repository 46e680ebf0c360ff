package dev.shimscan.core.report;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a report in one format. Renderers read only the report: they never reach back into a source. */
public interface Renderer {
    /** The format's name on the command line ({@code json}, {@code console}, ...). */
    String format();

    void render(Report report, RenderOptions options, OutputStream out) throws IOException;

    /**
     * Gets ready to render, while the scan runs: a renderer whose first report costs it set-up time (reflection,
     * templates) may do that work here. Called at most once, on a thread of its own, possibly while
     * {@link #render} runs; it must not write anything.
     */
    default void prepare() {
    }
}
