package dev.shimscan.rules.mount;

import dev.shimscan.rules.support.DockerKeywords;
import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.rules.support.PathNormalizer;
import java.util.Set;

/** DS105: a hostPath of a Docker binary ({@code /usr/bin/docker}, {@code dockerd}, {@code /usr/libexec/docker/...}). */
public final class DockerBinaryMountRule extends HostPathRule {
    public static final RuleMeta META = new RuleMeta("DS105", "docker-binary-mount", Severity.ERROR,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER),
            "A hostPath volume mounts a Docker binary from the node (/usr/bin/docker, /usr/bin/dockerd, "
                    + "/usr/libexec/docker/..., ...).",
            "Do not run the node's Docker binaries from a pod: they disappear with Docker Engine. Use crictl "
                    + "(with --runtime-endpoint unix:///run/containerd/containerd.sock) for node-level inspection, "
                    + "the Kubernetes API for pod and container state, and a daemonless builder (kaniko, buildah, "
                    + "BuildKit) shipped in the image for builds.");

    static final Set<String> BINARIES = Set.of(
            "/usr/bin/docker", "/usr/local/bin/docker", "/bin/docker",
            "/usr/bin/dockerd", "/usr/local/bin/dockerd", "/bin/dockerd",
            "/usr/bin/docker-init", "/usr/bin/docker-proxy");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: every binary it knows is named docker, dockerd, docker-init or docker-proxy, or lies under /usr/libexec/docker. */
    @Override
    public Keywords keywords() {
        return DockerKeywords.DOCKER_PATH;
    }

    @Override
    protected boolean matches(String path) {
        return BINARIES.contains(path) || PathNormalizer.isAtOrUnder(path, "/usr/libexec/docker");
    }

    @Override
    protected String describe(String shown, String path) {
        return PathNormalizer.isAtOrUnder(path, "/usr/libexec/docker") ? "Docker's plugin directory " + shown
                : "the Docker binary " + shown;
    }
}
