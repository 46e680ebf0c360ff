package dev.shimscan.rules.mount;

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
import dev.shimscan.rules.support.ContainerMount;
import dev.shimscan.rules.support.ContainerRef;
import dev.shimscan.rules.support.PathNormalizer;
import dev.shimscan.rules.support.PodScope;
import dev.shimscan.rules.support.PodSpecs;
import dev.shimscan.rules.support.VolumeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DS106: any string of any object that names a Docker Engine socket path ({@code /var/run/docker.sock},
 * {@code unix:///run/docker.sock}, {@code DOCKER_HOST=unix://...docker.sock}, dockershim and cri-dockerd
 * sockets): ConfigMap data (a GitLab Runner {@code config.toml}, a Jenkins pod template), annotations, env
 * values, command lines, custom resource fields. One finding per line of a value, positioned on that line.
 *
 * <p>Not reported, because another rule or nothing owns them:
 * <ul>
 *   <li>the {@code hostPath.path} of pod volumes and of PersistentVolumes, and the {@code volumeMounts} of
 *       containers (DS101 reports the mount, at the volume or the {@code subPath});</li>
 *   <li>a path inside a container that lies under a mount of a non-hostPath volume of that container (the
 *       socket of a Docker-in-Docker sidecar shared through an {@code emptyDir}): not the node's daemon;</li>
 *   <li>a Node's {@code kubeadm.alpha.kubernetes.io/cri-socket} annotation (DS402);</li>
 *   <li>admission policies, which name the socket to forbid or allow it: Kyverno {@code validate} rules,
 *       Gatekeeper constraints and templates, ValidatingAdmissionPolicies, PodSecurityPolicies;</li>
 *   <li>commented-out lines ({@code #} or {@code //}) of multi-line values such as embedded config files;
 *       YAML comments never reach the rules at all.</li>
 * </ul>
 */
public final class DockerSocketReferenceRule implements Rule {
    public static final RuleMeta META = new RuleMeta("DS106", "docker-socket-reference", Severity.WARNING,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER),
            "A string field (ConfigMap data, annotation, env value, command, custom resource field) names the "
                    + "Docker socket or DOCKER_HOST=unix://...docker.sock.",
            "Change the configuration that names the socket: point CRI clients at "
                    + "unix:///run/containerd/containerd.sock (or unix:///var/run/crio/crio.sock); give CI runners "
                    + "(GitLab Runner, Jenkins agents) a Docker-in-Docker sidecar or a daemonless builder (kaniko, "
                    + "buildah, BuildKit) instead of the host's /var/run/docker.sock.");

    /**
     * A socket path: optional {@code unix:} / {@code unix://} scheme, an absolute path, and a last segment
     * naming a Docker socket that does not continue as a longer name ({@code docker.socket} is a systemd unit).
     */
    static final Pattern SOCKET = Pattern.compile(
            "(?:unix:(?://)?)?/(?:[A-Za-z0-9_.\\-]*/)*(docker|dockershim|cri-dockerd)\\.sock"
                    + "(?![A-Za-z0-9_\\-])(?!\\.[A-Za-z0-9])");

    private static final Set<String> DOCKER_ENDPOINT_VARIABLES = Set.of("DOCKER_HOST", "DOCKER_SOCK", "DOCKER_SOCKET");
    private static final String CRI_SOCKET_ANNOTATION = "kubeadm.alpha.kubernetes.io/cri-socket";

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: its pattern ends in docker.sock, dockershim.sock or cri-dockerd.sock. */
    @Override
    public Keywords keywords() {
        return DockerKeywords.SOCKET_NAMES;
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        if (isAdmissionPolicy(resource)) {
            return;
        }
        NodeRef root = resource.root();
        PodSpecs specs = PodSpecs.of(resource, ctx);
        Set<String> skipped = skippedPaths(root, resource, specs);
        Map<String, Container> containers = containers(specs);
        new Walk(resource, ctx, skipped, containers).visit(root, null);
    }

    /**
     * Gatekeeper constraints and templates, ValidatingAdmissionPolicies and PodSecurityPolicies name the socket to
     * forbid or allow it in other objects; they do not depend on it themselves.
     */
    private static boolean isAdmissionPolicy(Resource resource) {
        String group = apiGroupOf(resource);
        return group.endsWith("gatekeeper.sh") || group.equals("admissionregistration.k8s.io")
                || "PodSecurityPolicy".equals(resource.ref().kind());
    }

    private static String apiGroupOf(Resource resource) {
        String apiVersion = resource.ref().apiVersion() == null ? "" : resource.ref().apiVersion();
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** Paths of the nodes (and subtrees) this rule leaves to others. */
    private static Set<String> skippedPaths(NodeRef root, Resource resource, PodSpecs specs) {
        Set<String> out = new HashSet<>();
        for (PodScope scope : specs.scopes()) {
            for (VolumeRef v : scope.volumes()) {
                out.add(v.hostPathNode().path());
            }
        }
        for (ContainerRef c : specs.containers()) {
            out.add(c.node().get("volumeMounts").path());
            // DOCKER_HOST and friends belong to DS204, which knows whether they lead to the node's daemon
            for (NodeRef env : c.node().get("env").elements()) {
                if (DOCKER_ENDPOINT_VARIABLES.contains(env.get("name").textOr(""))) {
                    out.add(env.get("value").path());
                }
            }
        }
        if ("PersistentVolume".equals(resource.ref().kind())) {
            out.add(root.at("spec", "hostPath", "path").path());
        }
        if ("Node".equals(resource.ref().kind())) {
            out.add(root.at("metadata", "annotations", CRI_SOCKET_ANNOTATION).path());
        }
        if (apiGroupOf(resource).endsWith("kyverno.io")) {
            // validate rules describe what pods may not contain ("!/var/run/docker.sock"); mutate and generate
            // rules put their text into real objects and stay checked
            for (NodeRef rule : root.at("spec", "rules").elements()) {
                out.add(rule.get("validate").path());
            }
        }
        return out;
    }

    /** A container with the normalised mount paths of its volumes that are not hostPath volumes. */
    private record Container(ContainerRef ref, List<String> privateMountPaths) {
    }

    private static Map<String, Container> containers(PodSpecs specs) {
        Map<String, List<String>> privateMounts = new HashMap<>();
        for (PodScope scope : specs.scopes()) {
            for (VolumeRef v : scope.volumes()) {
                if (v.hostPath().isPresent()) {
                    continue;
                }
                for (ContainerMount cm : specs.mountsOf(scope, v)) {
                    cm.mount().mountPath().map(PathNormalizer::normalize).filter(p -> !p.isEmpty()).ifPresent(p ->
                            privateMounts.computeIfAbsent(cm.container().node().path(), k -> new ArrayList<>()).add(p));
                }
            }
        }
        Map<String, Container> out = new HashMap<>();
        for (ContainerRef c : specs.containers()) {
            out.put(c.node().path(), new Container(c, privateMounts.getOrDefault(c.node().path(), List.of())));
        }
        return out;
    }

    private static final class Walk {
        private final Resource resource;
        private final RuleContext ctx;
        private final Set<String> skipped;
        private final Map<String, Container> containers;

        Walk(Resource resource, RuleContext ctx, Set<String> skipped, Map<String, Container> containers) {
            this.resource = resource;
            this.ctx = ctx;
            this.skipped = skipped;
            this.containers = containers;
        }

        void visit(NodeRef node, Container inside) {
            if (skipped.contains(node.path())) {
                return;
            }
            Container here = containers.getOrDefault(node.path(), inside);
            if (node.isObject()) {
                for (NodeRef.Field f : node.fields()) {
                    visit(f.value(), here);
                }
            } else if (node.isArray()) {
                for (NodeRef item : node.elements()) {
                    visit(item, here);
                }
            } else if (node.node().isTextual()) {
                scan(node, node.node().textValue(), here);
            }
        }

        private void scan(NodeRef node, String value, Container container) {
            if (value.indexOf(".sock") < 0) {
                return;
            }
            boolean multiLine = value.indexOf('\n') >= 0;
            Set<Integer> linesReported = new HashSet<>();
            Matcher m = SOCKET.matcher(value);
            while (m.find()) {
                int lineStart = value.lastIndexOf('\n', m.start()) + 1;
                if (multiLine && isCommentLine(value, lineStart)) {
                    continue;
                }
                if (container != null && servedByPrivateVolume(m.group(), container)) {
                    continue;
                }
                int line = countNewlines(value, lineStart);
                if (!linesReported.add(line)) {
                    continue;
                }
                Hit hit = Hit.at(node, where(node, container) + " names " + socketName(m.group(1)) + " " + m.group())
                        .withEvidence(m.group(), m.start());
                ctx.report(container == null ? hit : hit.withContainer(container.ref().name()));
            }
        }

        private static boolean isCommentLine(String value, int lineStart) {
            int i = lineStart;
            while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            return value.startsWith("#", i) || value.startsWith("//", i);
        }

        private static int countNewlines(String value, int end) {
            int n = 0;
            for (int i = 0; i < end; i++) {
                if (value.charAt(i) == '\n') {
                    n++;
                }
            }
            return n;
        }

        /** True when the socket path lies under a mount of an emptyDir (or other non-hostPath) volume. */
        private static boolean servedByPrivateVolume(String match, Container container) {
            String path = PathNormalizer.normalize(match.startsWith("unix:") ? match.substring(5) : match);
            for (String mountPath : container.privateMountPaths()) {
                if (PathNormalizer.isAtOrUnder(path, mountPath)) {
                    return true;
                }
            }
            return false;
        }

        private String where(NodeRef node, Container container) {
            String path = node.path();
            String annotations = "metadata.annotations";
            if (path.startsWith(annotations) && path.length() > annotations.length()) {
                return "annotation " + keyOf(path.substring(annotations.length()));
            }
            String kind = resource.ref().kind();
            if ("ConfigMap".equals(kind) || "Secret".equals(kind)) {
                for (String map : List.of("data", "stringData")) {
                    String rest = path.startsWith(map) ? path.substring(map.length()) : "";
                    if (rest.startsWith(".") || rest.startsWith("[")) {
                        return kind + " key " + keyOf(rest);
                    }
                }
            }
            if (container != null) {
                String relative = path.substring(container.ref().node().path().length());
                relative = relative.startsWith(".") ? relative.substring(1) : relative;
                if (relative.matches("env\\[\\d+]\\.value")) {
                    int index = Integer.parseInt(relative.substring("env[".length(), relative.indexOf(']')));
                    NodeRef env = container.ref().node().get("env").get(index);
                    return "env " + env.get("name").textOr("?") + " of container '" + container.ref().name() + "'";
                }
                return relative + " of container '" + container.ref().name() + "'";
            }
            return "field " + path;
        }

        /** {@code .a} or {@code ["a.b/c"]} → {@code 'a'} / {@code 'a.b/c'}. */
        private static String keyOf(String suffix) {
            String key = suffix.startsWith(".") ? suffix.substring(1)
                    : suffix.startsWith("[\"") && suffix.endsWith("\"]") ? suffix.substring(2, suffix.length() - 2)
                    : suffix;
            return "'" + key + "'";
        }

        private static String socketName(String base) {
            return switch (base) {
                case "dockershim" -> "the dockershim socket";
                case "cri-dockerd" -> "the cri-dockerd socket (Docker Engine behind CRI)";
                default -> "the Docker socket";
            };
        }
    }
}
