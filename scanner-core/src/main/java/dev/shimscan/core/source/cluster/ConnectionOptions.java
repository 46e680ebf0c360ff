package dev.shimscan.core.source.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * How to find the clusters, as kubectl does.
 *
 * @param kubeconfig  {@code --kubeconfig}, or null
 * @param contexts    {@code --context} values (empty: the current context)
 * @param allContexts {@code --all-contexts}
 */
public record ConnectionOptions(Path kubeconfig, List<String> contexts, boolean allContexts) {
    public ConnectionOptions {
        contexts = List.copyOf(contexts);
    }
}
