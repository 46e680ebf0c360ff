package dev.shimscan.core.source.cluster;

import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.time.Duration;

/**
 * One cluster to audit: its name as the report shows it (the kubeconfig context, or {@code in-cluster}) and how
 * to build a client-java {@link ApiClient} for it (auth, TLS and timeouts as the kubeconfig says).
 */
public record ClusterTarget(String name, Connector connector) {

    /** Builds the client; runs exec credential plugins, reads certificates and token files. */
    @FunctionalInterface
    public interface Connector {
        ApiClient connect(Duration requestTimeout) throws IOException;
    }
}
