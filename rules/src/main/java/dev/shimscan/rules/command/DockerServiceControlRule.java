package dev.shimscan.rules.command;

import dev.shimscan.rules.support.DockerKeywords;
import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.rules.support.CommandSites;
import dev.shimscan.rules.support.CommandSites.Match;
import dev.shimscan.rules.support.ContainerRef;
import dev.shimscan.rules.support.DockerInDocker;
import dev.shimscan.rules.support.PodSpecs;
import dev.shimscan.rules.support.host.HostCommands;
import dev.shimscan.rules.support.shell.ShellMatch;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * DS202: a command that controls Docker Engine ({@code systemctl restart docker}, {@code service docker ...},
 * {@code /etc/init.d/docker}, starting or signalling {@code dockerd}) in the places {@link CommandSites} knows,
 * reported on the line of the command word. ConfigMap scripts are DS205's. In files read from a node (scripts, cron
 * jobs, unit {@code Exec*=} lines, cloud-init) the commands come from {@link HostCommands}, one finding per line.
 *
 * <p>Docker-in-Docker: a container that starts {@code dockerd} itself (not through {@code nsenter}/{@code chroot})
 * runs the pod's own daemon and is not reported; signalling {@code dockerd} from a pod that runs its own daemon and
 * does not share the node's PID namespace reaches that daemon and is a {@code note}. With {@code hostPID: true} the
 * signal reaches the node's dockerd: an error that says so.
 */
public final class DockerServiceControlRule implements Rule {
    /** Service-manager verbs that only look. */
    private static final Set<String> QUERIES = Set.of("status", "is-active", "is-enabled", "is-failed", "show");
    public static final RuleMeta META = new RuleMeta("DS202", "docker-service-control", Severity.ERROR,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER, SourceKind.HOST),
            "A command controls the Docker daemon: systemctl restart docker, service docker ..., docker.service, "
                    + "starting or signalling dockerd.",
            "Control the runtime the kubelet uses instead (systemctl restart containerd, or crio) after changing its "
                    + "configuration, check it with crictl info, or drop the step.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: commands are only analysed when their text contains docker (CommandSites). */
    @Override
    public Keywords keywords() {
        return Keywords.anyOf(DockerKeywords.DOCKER_WORD);
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        NodeRef root = resource.root();
        PodSpecs specs = PodSpecs.of(resource, ctx);
        List<Match> matches = CommandMatches.of(resource, ctx, HostCommands.Owner.DAEMON_CONTROL,
                ShellMatch.Kind.DOCKER_DAEMON_CONTROL);
        if (matches.isEmpty()) {
            return;
        }
        DockerInDocker dind = DockerInDocker.of(resource, ctx);
        for (Match m : matches) {
            hit(m, root, dind).ifPresent(ctx::report);
        }
    }

    private static Optional<Hit> hit(Match m, NodeRef root, DockerInDocker dind) {
        String word = baseName(m.shell().commandWord());
        boolean starts = word.startsWith("dockerd");
        boolean signals = word.equals("kill") || word.equals("pkill") || word.equals("killall");
        boolean queries = QUERIES.contains(m.shell().detail().toLowerCase(Locale.ROOT).trim());
        String what = starts ? "it starts %sDocker Engine (dockerd)"
                : signals ? "it signals %sDocker Engine (dockerd)"
                : (queries ? "it checks " : "it controls ") + "%sDocker Engine service, which containerd nodes do not have";
        String runs = m.site().runs(m.shell().description());
        String fix = Remediations.forDaemonControl(m.shell());
        Optional<String> wrapper = m.nodeWrapper();
        if (wrapper.isPresent()) {
            return Optional.of(m.hit(runs + " through " + wrapper.get() + ", " + NodeWrappers.where(wrapper.get())
                    + ": " + String.format(what, "the node's ")).withRemediation(fix));
        }
        ContainerRef c = m.site().onNode() ? null : m.site().container();
        if (c != null && starts) {
            return Optional.empty();
        }
        if (c != null && signals) {
            if (PodFacts.hostPid(root, c)) {
                return Optional.of(m.hit(runs + ": the pod shares the node's PID namespace (hostPID), so it signals "
                        + "the node's Docker Engine (dockerd)").withRemediation(fix));
            }
            if (dind.podRunsDaemon(c)) {
                return Optional.of(m.hit(runs + ": it signals the pod's own Docker-in-Docker daemon (container '"
                                + dind.daemonsInPodOf(c).get(0).container().name() + "'), not the node's")
                        .withSeverity(Severity.NOTE).withRemediation(Remediations.OWN_DAEMON));
            }
        }
        String whose = m.site().onNode() ? "the node's " : starts || signals ? "" : "the ";
        return Optional.of(m.hit(runs + ": " + String.format(what, whose)).withRemediation(fix));
    }

    private static String baseName(String word) {
        int slash = word.lastIndexOf('/');
        return (slash < 0 ? word : word.substring(slash + 1)).toLowerCase(Locale.ROOT);
    }
}
