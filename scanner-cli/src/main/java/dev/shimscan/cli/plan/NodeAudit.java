package dev.shimscan.cli.plan;

import dev.shimscan.core.model.Finding;
import dev.shimscan.rules.daemonjson.ContainerdRegistryFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * What a node audit ({@code shimscan host}) said about one node that the runbook needs.
 *
 * @param hostsFiles    the containerd {@code hosts.toml} files its DS501 findings ask for
 * @param systemdCgroup true or false when its daemon.json set {@code native.cgroupdriver}; null when it did not say
 * @param other         its other findings, to handle on the node
 */
public record NodeAudit(String node, String osImage, List<ContainerdRegistryFiles.File> hostsFiles,
                        Boolean systemdCgroup, List<Finding> other) {

    /** The audit of {@code node} from a node report's findings. */
    static NodeAudit of(String node, String osImage, List<Finding> findings) {
        List<ContainerdRegistryFiles.File> files = new ArrayList<>();
        Boolean systemd = null;
        List<Finding> other = new ArrayList<>();
        for (Finding f : findings) {
            if (f.ruleId().equals("DS501")) {
                for (ContainerdRegistryFiles.File file : ContainerdRegistryFiles.fromRemediation(f.remediation())) {
                    if (files.stream().noneMatch(x -> x.path().equals(file.path()))) {
                        files.add(file);
                    }
                }
                continue;
            }
            String evidence = f.evidence() == null ? "" : f.evidence();
            if (f.ruleId().equals("DS502") && evidence.contains("native.cgroupdriver=")) {
                systemd = evidence.contains("native.cgroupdriver=systemd");
                continue;
            }
            other.add(f);
        }
        return new NodeAudit(node, osImage, List.copyOf(files), systemd, List.copyOf(other));
    }
}
