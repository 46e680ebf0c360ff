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
import dev.shimscan.rules.support.DockerInDocker.Daemon;
import dev.shimscan.rules.support.DockerInDocker.Resolution;
import dev.shimscan.rules.support.PodSpecs;
import dev.shimscan.rules.support.shell.ShellMatch;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * DS201: the {@code docker} CLI (or {@code docker-compose}) run by a container's {@code command}/{@code args}, a
 * lifecycle hook, an exec probe, an embedded Tekton/Argo script, or a node bootstrap command (see
 * {@link CommandSites}), reported on the line of the command word.
 *
 * <p>Where the client connects decides the message and the severity ({@link DockerInDocker}): its own
 * {@code -H}/{@code DOCKER_HOST=} on the command line, else the container's {@code DOCKER_HOST}, else Docker's
 * default socket.
 * <ul>
 *   <li>behind {@code nsenter} or {@code chroot}: the node's Docker Engine, said so;</li>
 *   <li>a socket on a hostPath mount: the strongest case, the message names the node path it is mounted from;</li>
 *   <li>the pod's own Docker-in-Docker daemon, or a daemon outside the pod (a DinD Service): lowered to
 *       {@code note}, the message says which daemon it talks to;</li>
 *   <li>anything else: {@code error}, with the pod's DinD daemon named when the client cannot be shown to reach
 *       it.</li>
 * </ul>
 * The remediation is the crictl/kubectl equivalent of the subcommand ({@link Remediations#forCli}).
 */
public final class DockerCliCommandRule implements Rule {
    public static final RuleMeta META = new RuleMeta("DS201", "docker-cli-command", Severity.ERROR,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER),
            "A container command/args, lifecycle hook or exec probe runs the docker CLI (docker ps, docker "
                    + "inspect, docker exec, docker logs, ...), including inside sh -c strings, pipelines, "
                    + "nsenter ... docker and chroot /host docker.",
            "Replace the docker CLI with crictl against the CRI socket (crictl ps, inspect, logs, exec, images) or "
                    + "with the Kubernetes API (kubectl get pods, logs, exec); build images with kaniko, buildah or "
                    + "BuildKit, or give the pod its own Docker-in-Docker daemon.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: commands are only analysed when their text contains docker (CommandSites); a match is a shell word docker, docker-compose, dockerd, docker.service or a path under /etc/docker. */
    @Override
    public Keywords keywords() {
        return Keywords.anyOf(DockerKeywords.DOCKER_WORD);
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        NodeRef root = resource.root();
        PodSpecs specs = PodSpecs.of(resource, ctx);
        List<Match> matches = CommandSites.find(resource, ctx).stream()
                .filter(m -> m.shell().kind() == ShellMatch.Kind.DOCKER_CLI).toList();
        if (matches.isEmpty()) {
            return;
        }
        DockerInDocker dind = DockerInDocker.of(resource, ctx);
        for (Match m : matches) {
            ctx.report(hit(m, dind));
        }
    }

    private static Hit hit(Match m, DockerInDocker dind) {
        String runs = m.site().runs(m.shell().description());
        String fix = Remediations.forCli(m.shell());
        Optional<String> wrapper = m.nodeWrapper();
        ContainerRef c = m.site().container();
        if (wrapper.isPresent()) {
            return m.hit(runs + " through " + wrapper.get() + ", " + NodeWrappers.where(wrapper.get())
                            + ": it talks to the node's Docker Engine")
                    .withRemediation(fix + " On the node, crictl talks to containerd through "
                            + "unix:///run/containerd/containerd.sock (run it through " + wrapper.get() + " the same way).");
        }
        if (m.site().onNode() || c == null) {
            return m.hit(runs + ": it needs Docker Engine on the node").withRemediation(fix);
        }
        Optional<String> own = m.ownDockerHost();
        Resolution r = own.isPresent() ? dind.resolve(c, own.get()) : dind.clientEndpoint(c);
        return switch (r.target()) {
            case POD_DAEMON -> m.hit(runs + " against " + r.description() + ": the pod's own daemon, not the "
                            + "node's, so it keeps working on containerd nodes")
                    .withSeverity(Severity.NOTE).withRemediation(Remediations.OWN_DAEMON);
            case ELSEWHERE -> m.hit(runs + " against " + r.description() + ", not the node's Docker Engine")
                    .withSeverity(Severity.NOTE).withRemediation(Remediations.OTHER_DAEMON);
            case NODE_DAEMON -> nodeDaemon(m, runs, fix, r);
            case UNKNOWN -> m.hit(runs + unreachedDaemon(dind, c, r)).withRemediation(fix);
        };
    }

    /**
     * The node's daemon: through a hostPath socket (the strongest case, named with the node path), over tcp to the
     * node (named), or Docker's default socket path that nothing in the pod provides (the CLI just needs an engine).
     */
    private static Hit nodeDaemon(Match m, String runs, String fix, Resolution r) {
        if (r.volume() != null && r.volume().hostPath().isPresent()) {
            return m.hit(runs + " against the node's Docker socket mounted from " + r.volume().hostPath().get().trim()
                            + " (hostPath volume '" + r.volume().name() + "')")
                    .withRemediation(fix + " Then remove the hostPath mount of the Docker socket.");
        }
        String endpoint = r.endpoint().toLowerCase(Locale.ROOT);
        if (endpoint.startsWith("unix:") || endpoint.startsWith("/")) {
            return m.hit(runs + ": the Docker CLI needs a Docker Engine, which containerd nodes do not run")
                    .withRemediation(fix);
        }
        return m.hit(runs + " against " + r.description()).withRemediation(fix);
    }

    /** Names the pod's DinD daemon when the client's endpoint cannot be shown to lead to it. */
    private static String unreachedDaemon(DockerInDocker dind, ContainerRef c, Resolution r) {
        List<Daemon> daemons = dind.daemonsInPodOf(c);
        if (daemons.isEmpty()) {
            return "";
        }
        return "; the pod runs a Docker-in-Docker daemon in container '" + daemons.get(0).container().name()
                + "', but the client's endpoint (" + r.description() + ") cannot be shown to lead to it";
    }
}
