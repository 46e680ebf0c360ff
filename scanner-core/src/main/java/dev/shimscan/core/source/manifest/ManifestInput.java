package dev.shimscan.core.source.manifest;

import java.nio.file.Path;

/**
 * One file to scan. {@code displayPath} is how reports name it: relative to the scan root as the user gave
 * it ({@code k8s/deploy/agent.yaml}), with forward slashes, or {@code -} for stdin ({@code path} is null).
 */
public record ManifestInput(String displayPath, Path path) {
    public static final String STDIN = "-";

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
