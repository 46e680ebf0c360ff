package dev.shimscan.rules.image;

import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.rules.image.AgentCatalog.Agent;
import dev.shimscan.rules.image.AgentCatalog.ImagePattern;
import dev.shimscan.rules.support.ContainerMount;
import dev.shimscan.rules.support.ContainerRef;
import dev.shimscan.rules.support.DockerInDocker;
import dev.shimscan.rules.support.ImageRef;
import dev.shimscan.rules.support.PathNormalizer;
import dev.shimscan.rules.support.PodScope;
import dev.shimscan.rules.support.PodSpecs;
import dev.shimscan.rules.support.VolumeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DS302: a container image of a known telemetry or security node agent, from the data catalog
 * ({@link AgentCatalog}: vendor, image patterns, link to the vendor's guidance for leaving dockershim). One finding
 * per agent and pod, at the {@code image} of its first container; the message names vendor, product and link, what
 * the image's version means where the catalog knows the first version that finds containerd by itself, and the
 * Docker paths the pod mounts from the node. The severity is the catalog's (note, warning for an agent that does
 * not work without dockershim at all).
 *
 * <p>Not reported:
 * <ul>
 *   <li>a pod that has already been moved to a CRI runtime: it mounts a containerd or CRI-O socket (or their
 *       directories) from the node and no Docker socket, Docker runtime directory or {@code /var/lib/docker};</li>
 *   <li>a container whose arguments make the image something other than the node agent (the catalog's
 *       {@code notAgentWhenArgs}, e.g. the Weave Scope app with {@code --no-probe});</li>
 *   <li>images of the same vendors that are no node agents (Datadog's cluster agent, falco-exporter, falcoctl).</li>
 * </ul>
 */
public final class KnownNodeAgentRule implements Rule {
    public static final RuleMeta META = new RuleMeta("DS302", "known-node-agent", Severity.NOTE,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER),
            "A container image of a known telemetry or security node agent whose vendor published dockershim "
                    + "migration guidance; the finding links to it.",
            "Follow the vendor's guidance linked in the finding: upgrade to a version that reads containerd/CRI-O, "
                    + "mount the CRI socket instead of the Docker socket, and move dashboards and alerts off "
                    + "Docker-specific metrics.");

    private static final Set<String> DOCKER_SOCKETS = Set.of("docker.sock", "dockershim.sock", "cri-dockerd.sock");
    private static final Set<String> DOCKER_DIRS = Set.of("/", "/var", "/var/run", "/var/run/docker");
    private static final Set<String> CRI_SOCKETS = Set.of("containerd.sock", "crio.sock");
    private static final List<String> CRI_DIRS = List.of("/var/run/containerd", "/var/run/crio",
            "/var/run/k3s/containerd", "/var/run/host-containerd");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: the image must match a pattern of the catalog, whose last literal part is in the image text. */
    @Override
    public Keywords keywords() {
        return AgentCatalog.keywords();
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        PodSpecs specs = PodSpecs.of(resource, ctx);
        Map<String, List<String>> hostPathsByPod = hostPathsByPod(specs);
        Map<String, List<ContainerRef>> byPodAndAgent = new LinkedHashMap<>();
        Map<String, Agent> agents = new HashMap<>();
        for (ContainerRef c : specs.containers()) {
            Optional<ImageRef> image = c.image().flatMap(ImageRef::parse);
            Optional<Agent> agent = image.flatMap(AgentCatalog::find);
            if (agent.isEmpty() || notTheAgent(c, agent.get())) {
                continue;
            }
            String key = DockerInDocker.podPath(c) + "\n" + agent.get().product();
            byPodAndAgent.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
            agents.put(key, agent.get());
        }
        byPodAndAgent.forEach((key, containers) -> {
            Agent agent = agents.get(key);
            ContainerRef first = containers.get(0);
            List<String> hostPaths = hostPathsByPod.getOrDefault(DockerInDocker.podPath(first), List.of());
            List<String> dockerPaths = hostPaths.stream().filter(KnownNodeAgentRule::isDockerPath).toList();
            boolean criOnly = dockerPaths.isEmpty() && hostPaths.stream().anyMatch(KnownNodeAgentRule::isCriPath);
            if (criOnly) {
                return;
            }
            ImageRef image = first.image().flatMap(ImageRef::parse).orElseThrow();
            String message = "container '" + first.name() + "'" + others(containers) + " runs the node agent "
                    + agent.product() + " from " + agent.vendor() + ", image " + first.image().orElse("").trim()
                    + version(agent, image) + mounts(dockerPaths) + "; the vendor's guidance for leaving dockershim: "
                    + agent.guidance();
            ctx.report(Hit.at(first.node().get("image"), message)
                    .withContainer(first.name())
                    .withSeverity(agent.severity())
                    .withRemediation(agent.advice() + " See " + agent.guidance()));
        });
    }

    private static boolean notTheAgent(ContainerRef c, Agent agent) {
        if (agent.notAgentWhenArgs().isEmpty()) {
            return false;
        }
        List<String> words = new ArrayList<>();
        for (String list : List.of("command", "args")) {
            for (NodeRef item : c.node().get(list).elements()) {
                item.text().ifPresent(t -> words.add(t.trim()));
            }
        }
        return words.stream().anyMatch(agent.notAgentWhenArgs()::contains);
    }

    private static String others(List<ContainerRef> containers) {
        if (containers.size() == 1) {
            return "";
        }
        Set<String> names = new LinkedHashSet<>();
        containers.subList(1, containers.size()).forEach(c -> names.add("'" + c.name() + "'"));
        names.remove("'" + containers.get(0).name() + "'");
        return names.isEmpty() ? "" : " (and " + String.join(", ", names) + ")";
    }

    private static String version(Agent agent, ImageRef image) {
        Optional<String> since = agent.match(image).map(ImagePattern::runtimeAwareSince);
        if (since.isEmpty()) {
            return "";
        }
        if (image.versionAtLeast(since.get())) {
            return " (version " + image.tag() + " finds containerd and CRI-O by itself, as every version from "
                    + since.get() + " does)";
        }
        if (image.version().isPresent()) {
            return " (version " + image.tag() + " is older than " + since.get()
                    + ", the first that finds containerd and CRI-O by itself)";
        }
        return " (tag '" + (image.tag().isEmpty() ? "latest" : image.tag()) + "' names no version; versions before "
                + since.get() + " need the CRI socket configured by hand)";
    }

    private static String mounts(List<String> dockerPaths) {
        if (dockerPaths.isEmpty()) {
            return "";
        }
        return "; the pod mounts " + dockerPaths.stream().distinct().collect(Collectors.joining(", "))
                + " from the node";
    }

    /** Normalised host paths that each pod mounts (hostPath + subPath), by {@link DockerInDocker#podPath}. */
    private static Map<String, List<String>> hostPathsByPod(PodSpecs specs) {
        Map<String, List<String>> out = new HashMap<>();
        for (PodScope scope : specs.scopes()) {
            for (VolumeRef v : scope.volumes()) {
                Optional<String> hostPath = v.hostPath();
                if (hostPath.isEmpty() || PathNormalizer.normalize(hostPath.get()).isEmpty()) {
                    continue;
                }
                for (ContainerMount cm : specs.mountsOf(scope, v)) {
                    String path = PathNormalizer.resolve(hostPath.get(), cm.mount().subPathNode().textOr(""));
                    out.computeIfAbsent(DockerInDocker.podPath(cm.container()), k -> new ArrayList<>()).add(path);
                }
            }
        }
        return out;
    }

    private static boolean isDockerPath(String p) {
        return DOCKER_SOCKETS.contains(PathNormalizer.fileName(p)) || DOCKER_DIRS.contains(p)
                || PathNormalizer.isAtOrUnder(p, "/var/lib/docker");
    }

    private static boolean isCriPath(String p) {
        return CRI_SOCKETS.contains(PathNormalizer.fileName(p))
                || CRI_DIRS.stream().anyMatch(d -> PathNormalizer.isAtOrUnder(p, d));
    }
}
