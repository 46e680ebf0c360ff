package dev.shimscan.cli;

import dev.shimscan.core.source.cluster.AuditProgress;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One progress line on stderr that rewrites itself ({@code \r}): cluster, resource type, items read so far.
 * Silent when disabled (stderr not a terminal, or {@code --quiet}).
 */
final class TerminalProgress implements AuditProgress {
    private final PrintWriter err;
    private final boolean enabled;
    private int lastLength;

    TerminalProgress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void reading(String cluster, String kind, long itemsSoFar) {
        if (!enabled) {
            return;
        }
        String line = "shimscan: " + cluster + ": reading " + kind + " (" + itemsSoFar + ")";
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    @Override
    public void finished() {
        if (enabled && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }

    /** True when this process's stderr is a terminal (Linux: fd 2 is a tty or pts device). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }
}
