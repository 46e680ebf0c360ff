package dev.shimscan.core.source.cluster;

/**
 * A resource type the audit lists: group ({@code ""} for the core group), version, plural resource name, kind,
 * and whether it lives in namespaces.
 */
public record ResourceType(String group, String version, String plural, String kind, boolean namespaced) {

    public static final ResourceType NODES = core("nodes", "Node", false);
    public static final ResourceType PODS = core("pods", "Pod", true);
    public static final ResourceType CONFIGMAPS = core("configmaps", "ConfigMap", true);
    public static final ResourceType REPLICATION_CONTROLLERS = core("replicationcontrollers", "ReplicationController", true);
    public static final ResourceType POD_TEMPLATES = core("podtemplates", "PodTemplate", true);
    public static final ResourceType DEPLOYMENTS = new ResourceType("apps", "v1", "deployments", "Deployment", true);
    public static final ResourceType REPLICA_SETS = new ResourceType("apps", "v1", "replicasets", "ReplicaSet", true);
    public static final ResourceType STATEFUL_SETS = new ResourceType("apps", "v1", "statefulsets", "StatefulSet", true);
    public static final ResourceType DAEMON_SETS = new ResourceType("apps", "v1", "daemonsets", "DaemonSet", true);
    public static final ResourceType JOBS = new ResourceType("batch", "v1", "jobs", "Job", true);
    public static final ResourceType CRON_JOBS = new ResourceType("batch", "v1", "cronjobs", "CronJob", true);

    private static ResourceType core(String plural, String kind, boolean namespaced) {
        return new ResourceType("", "v1", plural, kind, namespaced);
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The list URL: all namespaces when {@code namespace} is null, else that namespace. */
    public String listPath(String namespace) {
        String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        if (namespaced && namespace != null) {
            return prefix + "/namespaces/" + namespace + "/" + plural;
        }
        return prefix + "/" + plural;
    }

    /** {@code deployments.apps}, as RBAC and kubectl name it. */
    public String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }
}
