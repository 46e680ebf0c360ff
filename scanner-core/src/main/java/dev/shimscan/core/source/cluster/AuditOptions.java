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
 * @param maxRequests     how many requests may be in flight at once: that many resource types are listed side by
 *                        side, each fetching its next page while the current one is checked
 * @param requestTimeout  timeout of one request ({@link Duration#ZERO}: none)
 * @param retry           how 429, 5xx and broken connections are retried
 */
public record AuditOptions(List<String> namespaces, boolean configMaps, boolean customResources,
                           boolean kubeletConfig, int pageSize, int maxRequests, Duration requestTimeout,
                           RetryPolicy retry) {
    public static final int DEFAULT_PAGE_SIZE = 500;
    public static final int DEFAULT_MAX_REQUESTS = 4;

    public AuditOptions {
        namespaces = List.copyOf(namespaces);
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be 1 or more");
        }
        if (maxRequests < 1) {
            throw new IllegalArgumentException("the number of requests in flight must be 1 or more");
        }
    }

    /** With {@value #DEFAULT_MAX_REQUESTS} requests in flight at most. */
    public AuditOptions(List<String> namespaces, boolean configMaps, boolean customResources, boolean kubeletConfig,
                        int pageSize, Duration requestTimeout, RetryPolicy retry) {
        this(namespaces, configMaps, customResources, kubeletConfig, pageSize, DEFAULT_MAX_REQUESTS, requestTimeout,
                retry);
    }

    public static AuditOptions defaults() {
        return new AuditOptions(List.of(), true, true, false, DEFAULT_PAGE_SIZE, DEFAULT_MAX_REQUESTS,
                Duration.ofSeconds(30), RetryPolicy.DEFAULT);
    }
}
