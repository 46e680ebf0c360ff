package dev.shimscan.core.source.cluster.testing;

/** A resource type the test API server serves: its group, version, plural, kind and scope. */
public record ApiResource(String group, String version, String plural, String kind, boolean namespaced) {

    public String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code /api/v1} or {@code /apis/apps/v1}. */
    public String root() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }
}
