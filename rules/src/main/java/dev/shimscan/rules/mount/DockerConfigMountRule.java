package dev.shimscan.rules.mount;

import dev.shimscan.rules.support.DockerKeywords;
import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.rules.support.PathNormalizer;
import java.util.Set;

/** DS104: a hostPath of {@code /etc/docker} or a file under it ({@code daemon.json}, {@code certs.d}). */
public final class DockerConfigMountRule extends HostPathRule {
    public static final RuleMeta META = new RuleMeta("DS104", "docker-config-mount", Severity.ERROR,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER),
            "A hostPath volume mounts /etc/docker or a file under it (daemon.json, certs.d, key.json).",
            "Configure the new runtime instead: containerd reads /etc/containerd/config.toml, with registry "
                    + "mirrors, credentials and CA certificates in hosts.toml files under /etc/containerd/certs.d/<registry>/ "
                    + "(config_path); CRI-O reads /etc/containers/registries.conf and /etc/containers/certs.d. "
                    + "Mount those paths, or better, set them in the node image rather than from a pod.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: a path under /etc/docker has the component docker in the hostPath or the subPath. */
    @Override
    public Keywords keywords() {
        return DockerKeywords.DOCKER_PATH;
    }

    @Override
    protected boolean matches(String path) {
        return PathNormalizer.isAtOrUnder(path, "/etc/docker");
    }

    @Override
    protected String describe(String shown, String path) {
        return path.equals("/etc/docker") ? "Docker's configuration directory " + shown
                : "Docker's configuration file " + shown;
    }
}
