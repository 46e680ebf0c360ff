package dev.shimscan.core.source.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shimscan.core.report.Report;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the report says of a node, read from its {@code status.nodeInfo} and annotations. */
public final class NodeFacts {
    public static final String CRI_SOCKET_ANNOTATION = "kubeadm.alpha.kubernetes.io/cri-socket";
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)");

    private NodeFacts() {
    }

    public static Report.NodeInfo of(JsonNode node, String cluster) {
        JsonNode info = node.path("status").path("nodeInfo");
        String runtimeVersion = text(info.path("containerRuntimeVersion"));
        return new Report.NodeInfo(node.path("metadata").path("name").asText(""), runtimeOf(runtimeVersion),
                runtimeVersion, text(info.path("kubeletVersion")), text(info.path("osImage")),
                text(node.path("metadata").path("annotations").path(CRI_SOCKET_ANNOTATION)), cluster);
    }

    /** The scheme of {@code docker://20.10.7}: {@code docker}; null when there is none. */
    public static String runtimeOf(String runtimeVersion) {
        if (runtimeVersion == null) {
            return null;
        }
        int at = runtimeVersion.indexOf("://");
        return at <= 0 ? null : runtimeVersion.substring(0, at);
    }

    /** True for a kubelet below v1.24, the last minor that shipped dockershim being v1.23; false when unknown. */
    public static boolean kubeletHasDockershim(String kubeletVersion) {
        if (kubeletVersion == null) {
            return false;
        }
        Matcher m = VERSION.matcher(kubeletVersion.trim());
        if (!m.lookingAt()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major < 1 || (major == 1 && minor < 24);
    }

    public static boolean onDocker(Report.NodeInfo node) {
        return "docker".equals(node.containerRuntime());
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.asText().isEmpty() ? n.asText() : null;
    }
}
