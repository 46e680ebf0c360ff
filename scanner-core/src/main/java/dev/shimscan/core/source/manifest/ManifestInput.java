package dev.shimscan.core.source.manifest;

import java.nio.file.Path;

/**
 * One file to scan. {@code displayPath} is how reports name it: relative to the scan root as the user gave
 * it ({@code k8s/deploy/agent.yaml}), with forward slashes, or {@code -} for stdin ({@code path} is null).
 * {@code size} is its size in bytes when the directory walk saw it, or -1 when unknown (a named file, stdin): the
 * scan checks it against the size limit without asking the file system again.
 */
public record ManifestInput(String displayPath, Path path, long size) {
    public static final String STDIN = "-";

    public ManifestInput(String displayPath, Path path) {
        this(displayPath, path, -1);
    }

    public static ManifestInput stdin() {
        return new ManifestInput(STDIN, null);
    }

    public boolean isStdin() {
        return path == null;
    }

    /** JSON files are parsed as JSON; everything else as YAML. */
    public boolean isJson() {
        return displayPath.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
    }
}
