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
import dev.shimscan.rules.support.CommandSites;
import dev.shimscan.rules.support.CommandSites.Match;
import dev.shimscan.rules.support.ContainerRef;
import dev.shimscan.rules.support.DockerInDocker;
import dev.shimscan.rules.support.PodSpecs;
import dev.shimscan.rules.support.host.HostCommands;
import dev.shimscan.rules.support.shell.ShellMatch;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * DS203: a command that writes or edits a file under {@code /etc/docker} ({@code daemon.json}, {@code certs.d})
 * through {@code >}, {@code >>}, {@code tee}, {@code cp}, {@code mv}, {@code sed -i}, {@code install}, ... in the
 * places {@link CommandSites} knows, reported on the line of the command. ConfigMap scripts are DS205's. In files
 * read from a node (scripts, cron jobs, unit {@code Exec*=} lines, cloud-init, including its {@code write_files})
 * the commands come from {@link HostCommands}, one finding per line.
 *
 * <p>The message says whose file it is: the node's, through {@code nsenter}/{@code chroot}, a node bootstrap command
 * or a hostPath mount (named with the node path it reaches); the pod's own Docker-in-Docker daemon's, when the
 * writing container runs that daemon and no hostPath is involved ({@code note}); otherwise Docker's configuration
 * as the container sees it.
 */
public final class DockerConfigWriteRule implements Rule {
    public static final RuleMeta META = new RuleMeta("DS203", "docker-config-write", Severity.ERROR,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER, SourceKind.HOST),
            "A command writes or edits /etc/docker/daemon.json or other files under /etc/docker.",
            "Write the containerd equivalent instead: /etc/containerd/config.toml, registry hosts.toml files under "
                    + "the directory named by config_path (e.g. /etc/containerd/certs.d), then restart containerd.");

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
        PodSpecs specs = PodSpecs.of(resource, ctx);
        List<Match> matches = CommandMatches.of(resource, ctx, HostCommands.Owner.CONFIG_WRITE,
                ShellMatch.Kind.DOCKER_CONFIG_WRITE);
        if (matches.isEmpty()) {
            return;
        }
        DockerInDocker dind = DockerInDocker.of(resource, ctx);
        for (Match m : matches) {
            ctx.report(hit(m, specs, dind));
        }
    }

    private static Hit hit(Match m, PodSpecs specs, DockerInDocker dind) {
        String path = m.shell().detail();
        String runs = m.site().runs(m.shell().description());
        String fix = Remediations.forConfigWrite(path);
        Optional<String> wrapper = m.nodeWrapper();
        if (wrapper.isPresent()) {
            return m.hit(runs + " through " + wrapper.get() + ", " + NodeWrappers.where(wrapper.get())
                    + ": it writes the node's Docker configuration " + path).withRemediation(fix);
        }
        ContainerRef c = m.site().container();
        if (m.site().onNode() || c == null) {
            return m.hit(runs + ": it writes the node's Docker configuration " + path).withRemediation(fix);
        }
        Optional<PodFacts.OnNode> onNode = PodFacts.hostPathHolding(specs, c, path);
        if (onNode.isPresent()) {
            return m.hit(runs + ": it writes the node's " + onNode.get().nodePath() + " through hostPath volume '"
                    + onNode.get().volume().name() + "' (" + onNode.get().volume().hostPath().orElse("").trim() + ")")
                    .withRemediation(fix);
        }
        if (dind.daemon(c).isPresent()) {
            return m.hit(runs + ": it configures the container's own Docker-in-Docker daemon, not the node's")
                    .withSeverity(Severity.NOTE).withRemediation(Remediations.OWN_DAEMON);
        }
        return m.hit(runs + ": it writes Docker configuration " + path + ", which nothing reads on containerd nodes")
                .withRemediation(fix);
    }
}
