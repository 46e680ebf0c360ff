package dev.shimscan.cli;

import dev.shimscan.core.model.Severity;
import dev.shimscan.core.report.RenderOptions;
import dev.shimscan.core.report.Renderer;
import dev.shimscan.core.report.Report;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * Writes one report to every target: stdout through picocli's out writer (so tests capture it), files as
 * UTF-8 bytes. A target that fails is reported on stderr and the others are still written.
 */
final class ReportOutput {
    /**
     * Lets the renderers of {@code outputs} get ready on a thread of their own while the scan runs (see
     * {@link dev.shimscan.core.report.Renderer#prepare}); a daemon, so it never holds the process up.
     */
    static void prepareWhileScanning(List<OutputTarget> outputs) {
        List<Renderer> renderers = outputs.stream().map(OutputTarget::renderer).distinct()
                .toList();
        Thread t = new Thread(() -> renderers.forEach(Renderer::prepare),
                "shimscan-prepare-reports");
        t.setDaemon(true);
        t.start();
    }

    private final PrintWriter out;
    private final PrintWriter err;

    ReportOutput(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Writes {@code report} to every target; unless a console report went to stdout, prints {@code summary} on
     * stderr, each line after {@code shimscan: }. The exit code: {@link ExitCode#INTERNAL} when a report could not
     * be written, else what the findings at {@code failOn} and the coverage make it.
     */
    int writeAndExitCode(Report report, List<OutputTarget> targets, boolean colorOnStdout,
                         Optional<Severity> failOn, List<String> summary) {
        if (!write(report, targets, colorOnStdout)) {
            return ExitCode.INTERNAL.code();
        }
        boolean consoleOnStdout = targets.stream()
                .anyMatch(o -> o.toStdout() && o.format().name().equals("console"));
        if (!consoleOnStdout) {
            summary.forEach(line -> err.println("shimscan: " + line));
            err.flush();
        }
        return ExitCode.of(report, failOn).code();
    }

    /** True when every target was written. */
    boolean write(Report report, List<OutputTarget> targets, boolean colorOnStdout) {
        boolean allWritten = true;
        for (OutputTarget target : targets) {
            try {
                if (target.toStdout()) {
                    toStdout(report, target, colorOnStdout);
                } else {
                    toFile(report, target);
                    err.println("shimscan: wrote the " + target.format().name() + " report to " + target.file());
                }
            } catch (IOException | RuntimeException e) {
                allWritten = false;
                err.println("shimscan: cannot write the " + target.describe() + ": " + reason(e));
            }
        }
        err.flush();
        return allWritten;
    }

    private void toStdout(Report report, OutputTarget target, boolean color) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        target.renderer().render(report, new RenderOptions(color), buffer);
        out.print(buffer.toString(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void toFile(Report report, OutputTarget target) throws IOException {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target.file()))) {
            target.renderer().render(report, RenderOptions.PLAIN, file);
        }
    }

    private static String reason(Exception e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
