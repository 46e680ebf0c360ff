package dev.shimscan.rules.logging;

import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.rules.support.ContainerRef;
import dev.shimscan.rules.support.PodSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DS702 where node-problem-detector is told to load a Docker monitor: an entry of
 * {@code --config.system-log-monitor} or {@code --config.custom-plugin-monitor} (as {@code --flag=a,b} or
 * {@code --flag a,b}) whose file name starts with {@code docker}, NPD's own names for its monitors of the Docker
 * daemon ({@code docker-monitor.json}, {@code docker-monitor-filelog.json}, ...). The monitor's config, when the
 * scan holds it, is checked by {@link NodeProblemDetectorCheck}; this finding is where the monitor is switched on,
 * the line to change. Found in the shared corpus ({@code node-problem-detector}: two DaemonSets that load
 * {@code /config/docker-monitor.json}, without a finding before).
 */
final class NodeProblemDetectorFlagsCheck {
    private static final List<String> FLAGS = List.of("--config.system-log-monitor", "--config.custom-plugin-monitor");

    private NodeProblemDetectorFlagsCheck() {
    }

    static List<Hit> check(Resource resource, RuleContext ctx) {
        List<Hit> hits = new ArrayList<>();
        for (ContainerRef c : PodSpecs.of(resource, ctx).containers()) {
            List<NodeRef> argv = new ArrayList<>(c.node().get("command").elements());
            argv.addAll(c.node().get("args").elements());
            for (int i = 0; i < argv.size(); i++) {
                String arg = argv.get(i).textOr("");
                for (String flag : FLAGS) {
                    if (arg.startsWith(flag + "=")) {
                        dockerMonitors(c, argv.get(i), arg, flag.length() + 1, hits);
                    } else if (arg.equals(flag) && i + 1 < argv.size()) {
                        dockerMonitors(c, argv.get(i + 1), argv.get(i + 1).textOr(""), 0, hits);
                    }
                }
            }
        }
        return hits;
    }

    /** The Docker monitors in the comma-separated list that starts at {@code from} in {@code text}. */
    private static void dockerMonitors(ContainerRef c, NodeRef node, String text, int from, List<Hit> hits) {
        int start = from;
        while (start <= text.length()) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            String path = text.substring(start, end).trim();
            String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (name.startsWith("docker")) {
                hits.add(Hit.at(node, "node-problem-detector in container '" + c.name() + "' loads the monitor "
                                + path + ", its monitor of the Docker daemon: the conditions and events it raises "
                                + "never fire again once the node runs containerd or CRI-O")
                        .withEvidence(path, text.indexOf(path, start)).withContainer(c.name())
                        .withRemediation(NodeProblemDetectorCheck.REMEDIATION));
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
    }
}
