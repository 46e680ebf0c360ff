package dev.shimscan.rules.mount;

import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.rules.support.PathNormalizer;
import java.util.Set;

/**
 * DS101: a hostPath volume of a Docker Engine socket (or a parent directory with a subPath selecting one), or of
 * Docker Engine's named pipe on Windows nodes ({@code \\.\pipe\docker_engine}, also written with forward slashes),
 * which Windows agents and CI runners mount where Linux ones mount docker.sock.
 */
public final class DockerSocketMountRule extends HostPathRule {
    public static final RuleMeta META = new RuleMeta("DS101", "docker-socket-mount", Severity.ERROR,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER),
            "A hostPath volume mounts a Docker Engine socket (docker.sock, dockershim.sock or cri-dockerd.sock "
                    + "under /var/run or /run, or the named pipe \\\\.\\pipe\\docker_engine on Windows).",
            "Stop talking to the node's Docker daemon: read container state through the CRI socket "
                    + "(/run/containerd/containerd.sock or /var/run/crio/crio.sock; on Windows "
                    + "\\\\.\\pipe\\containerd-containerd) with crictl or a CRI client, or through the Kubernetes "
                    + "API; build images with a daemonless builder (kaniko, buildah, rootless BuildKit) or a "
                    + "Docker-in-Docker sidecar instead of the host socket.");

    /** Socket file names of Docker Engine and of the shims in front of it. */
    static final Set<String> SOCKET_NAMES = Set.of("docker.sock", "dockershim.sock", "cri-dockerd.sock");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Docker Engine's named pipe on Windows, as {@link #windowsPipe} spells it. */
    static final String DOCKER_PIPE = "/pipe/docker_engine";

    /**
     * Keywords: a socket under /var/run is named docker.sock, dockershim.sock or cri-dockerd.sock in the hostPath or
     * the subPath; the Windows pipe is named docker_engine (in any case: Windows paths ignore it).
     */
    @Override
    public Keywords keywords() {
        return Keywords.anyOf("docker.sock", "dockershim.sock", "cri-dockerd.sock", "docker_engine");
    }

    @Override
    protected boolean matches(String path) {
        return !path.equals("/var/run") && PathNormalizer.isAtOrUnder(path, "/var/run")
                && SOCKET_NAMES.contains(PathNormalizer.fileName(path))
                || windowsPipe(path).equals(DOCKER_PIPE);
    }

    /**
     * A Windows path with its backslashes as slashes, normalised and in lower case: {@code \\.\pipe\docker_engine}
     * and {@code //./pipe/docker_engine} both become {@code /pipe/docker_engine}.
     */
    static String windowsPipe(String path) {
        return PathNormalizer.normalize(path.replace('\\', '/')).toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    protected String describe(String shown, String path) {
        if (windowsPipe(path).equals(DOCKER_PIPE)) {
            // the path as written: its slash-normalised form would only confuse a Windows reader
            return "Docker Engine's named pipe on Windows " + shown.replaceFirst(" \\(= .*\\)$", "");
        }
        return switch (PathNormalizer.fileName(path)) {
            case "dockershim.sock" -> "the dockershim socket " + shown;
            case "cri-dockerd.sock" -> "the cri-dockerd socket (Docker Engine behind CRI) " + shown;
            default -> "the Docker socket " + shown;
        };
    }
}
