package dev.shimscan.rules.command;

import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.rules.support.ContainerRef;
import dev.shimscan.rules.support.DockerInDocker;
import dev.shimscan.rules.support.DockerInDocker.Daemon;
import dev.shimscan.rules.support.DockerInDocker.Resolution;
import dev.shimscan.rules.support.DockerInDocker.Target;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * DS204: an env var {@code DOCKER_HOST}, {@code DOCKER_SOCK} or {@code DOCKER_SOCKET} of a container whose literal
 * {@code value} leads to the node's Docker Engine, as {@link DockerInDocker#resolve} decides: a unix socket on a
 * {@code hostPath} mount (or Docker's default socket path in a pod without a daemon of its own), {@code tcp://} to
 * the node's IP or name ({@code $(HOST_IP)} from {@code fieldRef status.hostIP}) on 2375/2376, loopback on the host
 * network. Reported at the env item's {@code value}.
 *
 * <p>Silent when the value leads to a Docker-in-Docker daemon of the same pod (a sidecar on {@code localhost}, a
 * socket on an {@code emptyDir} the daemon shares), to another host, or to something that cannot be evaluated
 * ({@code valueFrom}, a {@code $(VAR)} without a literal or node value): such values are not guessed.
 */
public final class DockerHostEnvRule implements Rule {
    public static final RuleMeta META = new RuleMeta("DS204", "docker-host-env", Severity.WARNING,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER),
            "An env var DOCKER_HOST (or DOCKER_SOCK, DOCKER_SOCKET) points at the node's Docker daemon: a unix socket "
                    + "path, or tcp:// to the host IP / status.hostIP on 2375/2376; not when it points at a "
                    + "Docker-in-Docker daemon in the same pod.",
            "Stop pointing clients at the node's Docker Engine: give the pod its own daemon (a docker:dind sidecar, "
                    + "DOCKER_HOST=tcp://localhost:2376 with the TLS client certs shared through an emptyDir) or use a "
                    + "daemonless builder (kaniko, buildah, rootless BuildKit); read container state through the CRI "
                    + "socket (unix:///run/containerd/containerd.sock) or the Kubernetes API.");

    static final List<String> NAMES = List.of("DOCKER_HOST", "DOCKER_SOCK", "DOCKER_SOCKET");

    private static final String SOCKET_REMEDIATION = "Remove %s and the Docker socket mount. To build images, run a "
            + "Docker-in-Docker sidecar (image docker:dind, DOCKER_HOST=tcp://localhost:2376 with the client certs "
            + "in a shared emptyDir) or a daemonless builder (kaniko, buildah, rootless BuildKit); to list or inspect "
            + "containers, talk to the CRI socket unix:///run/containerd/containerd.sock with crictl or a CRI client.";
    private static final String TCP_REMEDIATION = "Remove %s: after the switch to containerd no Docker Engine listens "
            + "on the node (and one that does on TCP is a remote root shell). Use a Docker-in-Docker sidecar "
            + "(DOCKER_HOST=tcp://localhost:2376) or a daemonless builder, or the CRI/Kubernetes API for container "
            + "state.";

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: it looks at the variables DOCKER_HOST, DOCKER_SOCK and DOCKER_SOCKET only. */
    @Override
    public Keywords keywords() {
        return Keywords.anyOf("docker_host", "docker_sock");
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        DockerInDocker dind = DockerInDocker.of(resource, ctx);
        for (ContainerRef c : dind.specs().containers()) {
            for (NodeRef env : c.node().get("env").elements()) {
                String name = env.get("name").textOr("");
                NodeRef valueNode = env.get("value");
                Optional<String> value = valueNode.text();
                if (!NAMES.contains(name) || value.isEmpty() || value.get().isBlank()) {
                    continue;
                }
                Resolution r = dind.resolve(c, value.get());
                if (r.target() != Target.NODE_DAEMON) {
                    continue;
                }
                String message = "env " + name + "=" + value.get().trim() + " of container '" + c.name()
                        + "' points at " + r.description() + alsoDind(dind, c);
                boolean socket = !value.get().trim().toLowerCase(Locale.ROOT).startsWith("tcp://")
                        && !value.get().trim().toLowerCase(Locale.ROOT).startsWith("ssh://");
                String remediation = String.format(socket ? SOCKET_REMEDIATION : TCP_REMEDIATION, name);
                ctx.report(Hit.at(valueNode, message).withContainer(c.name()).withRemediation(remediation));
            }
        }
    }

    /** Mentions a Docker-in-Docker daemon of the pod that the value passes by. */
    private static String alsoDind(DockerInDocker dind, ContainerRef c) {
        List<Daemon> daemons = dind.daemonsInPodOf(c);
        if (daemons.isEmpty()) {
            return "";
        }
        return ", not at the Docker-in-Docker daemon that container '" + daemons.get(0).container().name()
                + "' runs in the same pod";
    }
}
