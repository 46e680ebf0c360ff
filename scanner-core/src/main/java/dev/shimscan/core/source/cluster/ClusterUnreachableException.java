package dev.shimscan.core.source.cluster;

import java.util.List;

/** No cluster of the run could be reached (or each refused the credentials): there is nothing to report. */
public final class ClusterUnreachableException extends Exception {
    private final List<String> contexts;

    /** @param contexts one line per context: {@code context NAME (server URL): why} */
    public ClusterUnreachableException(List<String> contexts) {
        super(String.join("; ", contexts));
        this.contexts = List.copyOf(contexts);
    }

    /** One line per context: {@code context NAME (server URL): why}. */
    public List<String> contexts() {
        return contexts;
    }
}
