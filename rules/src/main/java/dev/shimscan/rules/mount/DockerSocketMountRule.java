package dev.shimscan.rules.mount;

import dev.shimscan.rules.support.DockerKeywords;
import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.rules.support.PathNormalizer;
import java.util.Set;

/** DS101: a hostPath volume of a Docker Engine socket (or a parent directory with a subPath selecting one). */
public final class DockerSocketMountRule extends HostPathRule {
    public static final RuleMeta META = new RuleMeta("DS101", "docker-socket-mount", Severity.ERROR,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER),
            "A hostPath volume mounts a Docker Engine socket (docker.sock, dockershim.sock or cri-dockerd.sock "
                    + "under /var/run or /run).",
            "Stop talking to the node's Docker daemon: read container state through the CRI socket "
                    + "(/run/containerd/containerd.sock or /var/run/crio/crio.sock) with crictl or a CRI client, or "
                    + "through the Kubernetes API; build images with a daemonless builder (kaniko, buildah, rootless "
                    + "BuildKit) or a Docker-in-Docker sidecar instead of the host socket.");

    /** Socket file names of Docker Engine and of the shims in front of it. */
    static final Set<String> SOCKET_NAMES = Set.of("docker.sock", "dockershim.sock", "cri-dockerd.sock");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: a socket under /var/run is named docker.sock, dockershim.sock or cri-dockerd.sock in the hostPath or the subPath. */
    @Override
    public Keywords keywords() {
        return DockerKeywords.SOCKET_NAMES;
    }

    @Override
    protected boolean matches(String path) {
        return !path.equals("/var/run") && PathNormalizer.isAtOrUnder(path, "/var/run")
                && SOCKET_NAMES.contains(PathNormalizer.fileName(path));
    }

    @Override
    protected String describe(String shown, String path) {
        return switch (PathNormalizer.fileName(path)) {
            case "dockershim.sock" -> "the dockershim socket " + shown;
            case "cri-dockerd.sock" -> "the cri-dockerd socket (Docker Engine behind CRI) " + shown;
            default -> "the Docker socket " + shown;
        };
    }
}
