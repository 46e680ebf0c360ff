package dev.shimscan.rules.mount;

import dev.shimscan.rules.support.DockerKeywords;
import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.RuleMeta;
import java.util.Set;

/**
 * DS102: a mounted hostPath of a directory that holds the Docker socket ({@code /}, {@code /var},
 * {@code /var/run}, {@code /var/run/docker}); the socket is reachable although no path names it. Volumes that
 * no container mounts are not reported.
 */
public final class RuntimeDirMountRule extends HostPathRule {
    public static final RuleMeta META = new RuleMeta("DS102", "runtime-dir-mount", Severity.WARNING,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER),
            "A container mounts a host directory that holds the Docker socket (/, /var, /run, /var/run, "
                    + "/var/run/docker), so the socket is reachable although no path names it.",
            "Find out what the container reads there. If it uses the Docker socket, switch it to the CRI socket "
                    + "(/run/containerd/containerd.sock or /var/run/crio/crio.sock); otherwise narrow the hostPath to "
                    + "the directory or file it really needs (for example /var/run/secrets/..., /var/log).");

    static final Set<String> RUNTIME_DIRS = Set.of("/", "/var", "/var/run", "/var/run/docker");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: only a hostPath volume can mount a directory of the node. */
    @Override
    public Keywords keywords() {
        return Keywords.anyOf(DockerKeywords.HOST_PATH);
    }

    @Override
    protected boolean matches(String path) {
        return RUNTIME_DIRS.contains(path);
    }

    @Override
    protected String describe(String shown, String path) {
        return "the host directory " + shown + ", which holds the Docker socket,";
    }

    @Override
    protected boolean reportsUnmountedVolumes() {
        return false;
    }
}
