package dev.shimscan.rules.mount;

import dev.shimscan.rules.support.DockerKeywords;
import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.rules.support.PathNormalizer;
import java.util.Set;

/** DS103: a hostPath at or under {@code /var/lib/docker}, typically a log collector reading Docker's JSON logs. */
public final class DockerDataMountRule extends HostPathRule {
    public static final RuleMeta META = new RuleMeta("DS103", "docker-data-mount", Severity.WARNING,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER),
            "A hostPath volume mounts Docker's data directory /var/lib/docker or a path under it (typically "
                    + "/var/lib/docker/containers, read by a log collector).",
            "Read container logs from /var/log/pods (or the /var/log/containers symlinks) and parse the CRI log "
                    + "format ('<time> <stream> <P|F> <message>') instead of Docker's JSON files under "
                    + "/var/lib/docker/containers; drop the /var/lib/docker mount. containerd keeps its own state "
                    + "under /var/lib/containerd, which no agent should need to read.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: a path under /var/lib/docker has the component docker in the hostPath or the subPath. */
    @Override
    public Keywords keywords() {
        return DockerKeywords.DOCKER_PATH;
    }

    @Override
    protected boolean matches(String path) {
        return PathNormalizer.isAtOrUnder(path, "/var/lib/docker");
    }

    @Override
    protected String describe(String shown, String path) {
        return "Docker's data directory " + shown;
    }
}
