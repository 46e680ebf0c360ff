package dev.shimscan.core.source.cluster;

import dev.shimscan.core.report.Report;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The one sentence that says whether a cluster still runs on dockershim. */
final class Verdict {
    private Verdict() {
    }

    /**
     * @param nodes the cluster's nodes, or null when they could not be read
     * @param why   why they could not be read
     */
    static Report.ClusterSummary of(String cluster, String serverVersion, List<Report.NodeInfo> nodes, String why) {
        if (nodes == null) {
            return new Report.ClusterSummary(cluster, serverVersion, 0, 0, 0, null, "Cluster " + cluster
                    + ": cannot tell whether it is still on dockershim, the nodes could not be read (" + why + ").");
        }
        int dockershim = 0;
        int criDockerd = 0;
        Map<String, Integer> runtimes = new TreeMap<>();
        for (Report.NodeInfo n : nodes) {
            runtimes.merge(n.containerRuntime() == null ? "unknown" : n.containerRuntime(), 1, Integer::sum);
            if (NodeFacts.onDocker(n)) {
                if (NodeFacts.kubeletHasDockershim(n.kubeletVersion())) {
                    dockershim++;
                } else {
                    criDockerd++;
                }
            }
        }
        int total = nodes.size();
        String sentence;
        if (total == 0) {
            sentence = "Cluster " + cluster + " has no nodes to tell whether it is on dockershim.";
        } else if (dockershim > 0) {
            sentence = "Cluster " + cluster + " is still on dockershim: " + count(dockershim, total)
                    + " run Docker Engine through the kubelet's built-in dockershim (kubelet below v1.24)"
                    + (criDockerd > 0 ? " and " + criDockerd + " through cri-dockerd" : "")
                    + "; upgrading them to v1.24 or later without changing the runtime stops them.";
        } else if (criDockerd > 0) {
            sentence = "Cluster " + cluster + " is off dockershim, but " + count(criDockerd, total)
                    + " still run Docker Engine through cri-dockerd.";
        } else {
            sentence = "Cluster " + cluster + " is off dockershim: no node runs Docker Engine ("
                    + describe(runtimes) + ").";
        }
        return new Report.ClusterSummary(cluster, serverVersion, total, dockershim, criDockerd, dockershim > 0,
                sentence);
    }

    private static String count(int n, int total) {
        return n + " of " + total + (total == 1 ? " node" : " nodes");
    }

    private static String describe(Map<String, Integer> runtimes) {
        StringBuilder sb = new StringBuilder();
        runtimes.forEach((runtime, n) -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(n).append(' ').append(runtime);
        });
        return sb.toString();
    }
}
