package dev.shimscan.core.source.cluster;

import java.util.Map;
import java.util.Set;

/**
 * The custom resource kinds the audit reads when their API group is served: kinds known to carry pod specs,
 * container lists or scripts (CI/CD and workflow engines, progressive delivery, batch and ML operators) and
 * alerting rules. Everything else is left alone: reading every CR of a cluster would be slow and needs RBAC
 * nobody wants to grant a scanner.
 */
public final class CustomResourceKinds {
    /** API group → kinds. */
    public static final Map<String, Set<String>> BY_GROUP = Map.ofEntries(
            Map.entry("argoproj.io", Set.of("Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate",
                    "CronWorkflow", "Rollout")),
            Map.entry("tekton.dev", Set.of("Task", "ClusterTask", "Pipeline", "TaskRun", "PipelineRun")),
            Map.entry("monitoring.coreos.com", Set.of("PrometheusRule")),
            Map.entry("kubeflow.org", Set.of("TFJob", "PyTorchJob", "MPIJob", "XGBoostJob")),
            Map.entry("ray.io", Set.of("RayCluster", "RayJob", "RayService")),
            Map.entry("keda.sh", Set.of("ScaledJob")),
            Map.entry("actions.summerwind.dev", Set.of("RunnerDeployment", "RunnerSet", "Runner")),
            Map.entry("apps.kruise.io", Set.of("CloneSet", "AdvancedCronJob", "DaemonSet", "StatefulSet")),
            Map.entry("batch.volcano.sh", Set.of("Job")));

    private CustomResourceKinds() {
    }

    public static boolean wanted(String group, String kind) {
        Set<String> kinds = BY_GROUP.get(group);
        return kinds != null && kinds.contains(kind);
    }
}
