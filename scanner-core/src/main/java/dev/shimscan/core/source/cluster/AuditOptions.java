package dev.shimscan.core.source.cluster;

import java.time.Duration;
import java.util.List;

/**
 * What a cluster audit reads.
 *
 * @param namespaces      namespaces to read (empty: all)
 * @param configMaps      read ConfigMaps ({@code --no-configmaps} turns it off)
 * @param customResources read the custom resources of {@link CustomResourceKinds} ({@code --no-custom-resources})
 * @param kubeletConfig   read each kubelet's {@code /configz} through the API server proxy ({@code --kubelet-config})
 * @param pageSize        {@code limit} of each list request
 * @param requestTimeout  timeout of one request ({@link Duration#ZERO}: none)
 * @param retry           how 429, 5xx and broken connections are retried
 */
public record AuditOptions(List<String> namespaces, boolean configMaps, boolean customResources,
                           boolean kubeletConfig, int pageSize, Duration requestTimeout, RetryPolicy retry) {
    public static final int DEFAULT_PAGE_SIZE = 500;

    public AuditOptions {
        namespaces = List.copyOf(namespaces);
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be 1 or more");
        }
    }

    public static AuditOptions defaults() {
        return new AuditOptions(List.of(), true, true, false, DEFAULT_PAGE_SIZE, Duration.ofSeconds(30),
                RetryPolicy.DEFAULT);
    }
}
