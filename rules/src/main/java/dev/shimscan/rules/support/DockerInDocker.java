package dev.shimscan.rules.support;

import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.tree.NodeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker-in-Docker awareness for one object: which of its pods run a Docker daemon of their own, where that
 * daemon listens, and where a {@code DOCKER_HOST} value, as a given container sees it, leads: to that daemon, to
 * the node's Docker Engine, or somewhere else.
 *
 * <h2>Pods</h2>
 * A pod is the set of container-shaped mappings ({@link PodSpecs#containers()}) that share one parent: the pod
 * spec holding {@code containers}/{@code initContainers}/{@code ephemeralContainers}, an Argo template holding
 * {@code container}/{@code script}/{@code sidecars} (and {@code containerSet.containers}), a Tekton Task spec holding
 * {@code steps} and {@code sidecars}. A pod needs no {@code volumes} list to be one.
 *
 * <h2>Daemons</h2>
 * A container runs a Docker daemon when
 * <ul>
 *   <li>its image is a Docker-in-Docker image ({@code docker:dind}, {@code docker:24-dind-rootless},
 *       {@code mirror.gcr.io/library/docker:26-dind}, any repository whose last segment contains {@code dind}) and
 *       it keeps the image's entrypoint: no {@code command}, and {@code args} that are absent or start with a flag
 *       (the entrypoint hands flags to {@code dockerd} and runs anything else instead) unless they start dockerd;
 *       or</li>
 *   <li>its {@code command}/{@code args} start {@code dockerd} (or {@code dockerd-entrypoint.sh},
 *       {@code dockerd-rootless.sh}) as a command word: first word of an element, or after {@code ;}, {@code &},
 *       {@code |}, {@code (}, a newline, {@code exec}, {@code nohup}, {@code sudo}, {@code setsid} in a script.</li>
 * </ul>
 * It listens on the {@code tcp://}/{@code unix://} hosts its arguments name ({@code -H}, {@code --host}); without
 * any, on {@code unix:///var/run/docker.sock}, plus, for the image's entrypoint, {@code tcp://0.0.0.0:2376} with TLS
 * when {@code DOCKER_TLS_CERTDIR} is set or left to the image (which sets it from Docker 19.03 on), or
 * {@code tcp://0.0.0.0:2375} when it is set to the empty string or the image tag is older than 19.03.
 *
 * <h2>Where a DOCKER_HOST leads</h2>
 * {@link #resolve(ContainerRef, String)} expands {@code $(VAR)} references with the container's literal env and
 * with env vars taken from {@code fieldRef} {@code status.hostIP} or {@code spec.nodeName} (the node itself); any
 * other reference cannot be evaluated and gives {@link Target#UNKNOWN}.
 * <ul>
 *   <li>{@code tcp://localhost}, {@code 127.0.0.1}, {@code [::1]}, the name of a daemon container of the pod, or a
 *       {@code hostAliases} name for a loopback address: the pod's daemon when it has one; the node's daemon when
 *       the pod uses the host network and the port is 2375 or 2376; otherwise unknown.</li>
 *   <li>{@code tcp://} to the node's IP or name on 2375/2376 (no port: 2375, 2376 with {@code DOCKER_TLS_VERIFY}):
 *       the node's daemon.</li>
 *   <li>a unix socket path ({@code unix:///...} or a bare absolute path as in {@code DOCKER_SOCK}): the
 *       container's mount that holds the path decides. A {@code hostPath} volume: the node's daemon. Any other
 *       volume ({@code emptyDir}) that a daemon container of the pod also mounts: the pod's daemon; one that no
 *       daemon mounts: elsewhere. No mount: the container's own daemon if it runs one; unknown if the pod has a
 *       daemon that the container does not share a volume with; the node's daemon for Docker's default path
 *       {@code /var/run/docker.sock} (the container expects the node's socket); unknown for other paths.</li>
 *   <li>any other host: elsewhere (a daemon outside the pod, e.g. a Docker-in-Docker Service).</li>
 * </ul>
 */
public final class DockerInDocker {
    /** Docker's default socket path, also where a Docker-in-Docker daemon creates its socket. */
    public static final String DEFAULT_SOCKET = "/var/run/docker.sock";
    public static final int PLAIN_PORT = 2375;
    public static final int TLS_PORT = 2376;

    private static final Set<String> DOCKER_PORTS = Set.of(String.valueOf(PLAIN_PORT), String.valueOf(TLS_PORT));
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "0.0.0.0", "ip6-localhost");
    private static final Set<String> NODE_FIELDS = Set.of("status.hostIP", "spec.nodeName");
    /** Stands in for the node's address after expansion (the reserved .invalid TLD never names a real host). */
    private static final String NODE_ADDRESS = "node-address.shimscan.invalid";

    /** {@code dockerd} as a command word of an element (a command array item or a script). */
    private static final Pattern DOCKERD = Pattern.compile(
            "(?:^|[;&|(\\n]|\\b(?:exec|nohup|sudo|setsid)\\s)\\s*(?:[\\w./-]*/)?"
                    + "(dockerd(?:-entrypoint\\.sh|-rootless\\.sh)?)(?=$|[\\s;&|)])");
    private static final Pattern TCP_HOST = Pattern.compile("tcp://[^\\s'\",]*?(?::(\\d+))?(?=$|[\\s'\",])");
    private static final Pattern UNIX_HOST = Pattern.compile("unix://(/[^\\s'\",]*)");

    /** A container that runs a Docker daemon. */
    public record Daemon(ContainerRef container, String why, Set<Integer> tcpPorts, Set<String> unixSockets) {
        public Daemon {
            tcpPorts = Set.copyOf(tcpPorts);
            unixSockets = Set.copyOf(unixSockets);
        }

        /** {@code tcp :2376, unix /var/run/docker.sock}. */
        public String endpoints() {
            List<String> out = new ArrayList<>();
            tcpPorts.stream().sorted().forEach(p -> out.add("tcp :" + p));
            unixSockets.stream().sorted().forEach(s -> out.add("unix " + s));
            return String.join(", ", out);
        }
    }

    /** Where a Docker endpoint leads. */
    public enum Target {
        /** A Docker daemon run by a container of the same pod (Docker-in-Docker). */
        POD_DAEMON,
        /** The Docker Engine of the node the pod runs on. */
        NODE_DAEMON,
        /** A daemon that is neither: another host, or a socket on a volume no daemon of the pod shares. */
        ELSEWHERE,
        /** Cannot be told from the object (a reference that cannot be evaluated, an unknown scheme, ...). */
        UNKNOWN
    }

    /**
     * Where an endpoint leads, and why.
     *
     * @param target      the verdict
     * @param endpoint    the endpoint as written (before expansion)
     * @param description a phrase for messages: {@code the Docker-in-Docker daemon of container 'dind' (tcp :2376)}
     * @param daemon      the pod's daemon for {@link Target#POD_DAEMON}, else null
     * @param volume      the volume that holds a unix socket path, when one does, else null
     */
    public record Resolution(Target target, String endpoint, String description, Daemon daemon, VolumeRef volume) {
    }

    /** A mount of a container with the volume it mounts. */
    private record Mounted(String mountPath, VolumeRef volume) {
    }

    private final NodeRef root;
    private final PodSpecs specs;
    private final Map<String, List<ContainerRef>> containersByPod = new LinkedHashMap<>();
    private final Map<String, Daemon> daemonByContainer = new LinkedHashMap<>();
    private final Map<String, List<Mounted>> mountsByContainer = new HashMap<>();

    private DockerInDocker(NodeRef root, PodSpecs specs) {
        this.root = root;
        this.specs = specs;
        for (ContainerRef c : specs.containers()) {
            containersByPod.computeIfAbsent(podPath(c), k -> new ArrayList<>()).add(c);
            detectDaemon(c).ifPresent(d -> daemonByContainer.put(c.node().path(), d));
        }
        for (PodScope scope : specs.scopes()) {
            for (VolumeRef v : scope.volumes()) {
                for (ContainerMount cm : specs.mountsOf(scope, v)) {
                    cm.mount().mountPath().map(PathNormalizer::normalize).filter(p -> !p.isEmpty()).ifPresent(p ->
                            mountsByContainer.computeIfAbsent(cm.container().node().path(), k -> new ArrayList<>())
                                    .add(new Mounted(p, v)));
                }
            }
        }
    }

    /** The Docker-in-Docker facts of a resource, read once and shared by every rule that checks it. */
    public static DockerInDocker of(Resource resource, RuleContext ctx) {
        return ctx.shared(DockerInDocker.class.getName(),
                () -> new DockerInDocker(resource.root(), PodSpecs.of(resource, ctx)));
    }

    /** Reads an object (normally {@code resource.root()}). */
    public static DockerInDocker of(NodeRef root) {
        return new DockerInDocker(root, PodSpecs.of(root));
    }

    /** Reads an object whose pod-spec shapes were already walked. */
    public static DockerInDocker of(NodeRef root, PodSpecs specs) {
        return new DockerInDocker(root, specs);
    }

    public PodSpecs specs() {
        return specs;
    }

    /** Every Docker daemon container of the object, in document order. */
    public List<Daemon> daemons() {
        return List.copyOf(daemonByContainer.values());
    }

    /** The daemon that {@code container} runs, if it runs one. */
    public Optional<Daemon> daemon(ContainerRef container) {
        return Optional.ofNullable(daemonByContainer.get(container.node().path()));
    }

    /** The daemons run by containers of the pod that {@code container} belongs to (itself included). */
    public List<Daemon> daemonsInPodOf(ContainerRef container) {
        List<Daemon> out = new ArrayList<>();
        for (ContainerRef mate : podOf(container)) {
            daemon(mate).ifPresent(out::add);
        }
        return out;
    }

    /** The daemons run by containers of a scope (the containers below its node). */
    public List<Daemon> daemonsIn(PodScope scope) {
        List<Daemon> out = new ArrayList<>();
        for (ContainerRef c : scope.containers()) {
            daemon(c).ifPresent(out::add);
        }
        return out;
    }

    /** True when the pod of {@code container} runs a Docker daemon of its own. */
    public boolean podRunsDaemon(ContainerRef container) {
        return !daemonsInPodOf(container).isEmpty();
    }

    /** The containers of the pod that {@code container} belongs to, itself included, in document order. */
    public List<ContainerRef> podOf(ContainerRef container) {
        return List.copyOf(containersByPod.getOrDefault(podPath(container), List.of(container)));
    }

    /**
     * The path of the mapping that makes a pod of {@code container} and its siblings: the pod spec for items of
     * {@code containers}/{@code initContainers}/{@code ephemeralContainers}, the Argo template for {@code container},
     * {@code script}, {@code sidecars} and {@code containerSet.containers}, the Tekton spec for {@code steps} and
     * {@code sidecars}.
     */
    public static String podPath(ContainerRef container) {
        String path = container.node().path();
        String parent = dropLastSegment(path);
        if (path.endsWith("]") && !path.endsWith("\"]")) {
            parent = dropLastSegment(parent);
        }
        if (parent.equals("containerSet") || parent.endsWith(".containerSet")) {
            parent = dropLastSegment(parent);
        }
        return parent;
    }

    /**
     * Where {@code container}'s Docker client connects: its literal {@code DOCKER_HOST}, else (no
     * {@code DOCKER_HOST} at all) Docker's default {@code unix:///var/run/docker.sock}. A {@code DOCKER_HOST} set
     * through {@code valueFrom} gives {@link Target#UNKNOWN}.
     */
    public Resolution clientEndpoint(ContainerRef container) {
        for (NodeRef e : container.node().get("env").elements()) {
            if (!"DOCKER_HOST".equals(e.get("name").textOr(""))) {
                continue;
            }
            Optional<String> literal = e.get("value").text();
            if (literal.isEmpty()) {
                return new Resolution(Target.UNKNOWN, "DOCKER_HOST", "a DOCKER_HOST set through valueFrom", null,
                        null);
            }
        }
        String literal = container.literalEnv().get("DOCKER_HOST");
        return literal == null ? resolve(container, "unix://" + DEFAULT_SOCKET) : resolve(container, literal);
    }

    /** Where {@code value} (a {@code DOCKER_HOST}, {@code DOCKER_SOCK} or {@code DOCKER_SOCKET}) leads for {@code client}. */
    public Resolution resolve(ContainerRef client, String value) {
        String written = value == null ? "" : value.trim();
        Optional<String> expanded = EnvExpansion.expand(written, expansionEnv(client));
        if (expanded.isEmpty()) {
            return new Resolution(Target.UNKNOWN, written, written + " (refers to a variable that cannot be evaluated)",
                    null, null);
        }
        String v = expanded.get().trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("unix://")) {
            return resolveSocket(client, written, v.substring("unix://".length()));
        }
        if (lower.startsWith("unix:")) {
            return resolveSocket(client, written, v.substring("unix:".length()));
        }
        if (v.startsWith("/")) {
            return resolveSocket(client, written, v);
        }
        if (lower.startsWith("tcp://")) {
            return resolveTcp(client, written, v.substring("tcp://".length()));
        }
        if (lower.startsWith("ssh://")) {
            String host = v.substring("ssh://".length());
            host = host.contains("@") ? host.substring(host.indexOf('@') + 1) : host;
            return host.startsWith(NODE_ADDRESS)
                    ? new Resolution(Target.NODE_DAEMON, written, "the node's Docker Engine over ssh", null, null)
                    : new Resolution(Target.ELSEWHERE, written, "a Docker daemon reached over ssh", null, null);
        }
        if (lower.startsWith("npipe://")) {
            return lower.contains("docker_engine")
                    ? new Resolution(Target.NODE_DAEMON, written, "the Windows node's Docker Engine pipe", null, null)
                    : new Resolution(Target.UNKNOWN, written, "a named pipe", null, null);
        }
        if (v.isEmpty() || v.contains("://")) {
            return new Resolution(Target.UNKNOWN, written, v.isEmpty() ? "an empty endpoint" : "an unknown scheme",
                    null, null);
        }
        return resolveTcp(client, written, v);
    }

    private Resolution resolveTcp(ContainerRef client, String written, String hostPort) {
        String hp = hostPort;
        int slash = hp.indexOf('/');
        if (slash >= 0) {
            hp = hp.substring(0, slash);
        }
        String host;
        String port = null;
        if (hp.startsWith("[")) {
            int close = hp.indexOf(']');
            host = close < 0 ? hp.substring(1) : hp.substring(1, close);
            if (close >= 0 && hp.startsWith(":", close + 1)) {
                port = hp.substring(close + 2);
            }
        } else {
            int colon = hp.lastIndexOf(':');
            host = colon < 0 ? hp : hp.substring(0, colon);
            port = colon < 0 ? null : hp.substring(colon + 1);
        }
        if (port == null || port.isEmpty()) {
            port = client.literalEnv().getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty()
                    ? String.valueOf(PLAIN_PORT) : String.valueOf(TLS_PORT);
        }
        return resolveTcp(client, written, host, port);
    }

    private Resolution resolveTcp(ContainerRef client, String written, String host, String port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (host.equals(NODE_ADDRESS)) {
            return DOCKER_PORTS.contains(port)
                    ? new Resolution(Target.NODE_DAEMON, written, "the node's Docker Engine on port " + port, null, null)
                    : new Resolution(Target.UNKNOWN, written, "port " + port + " of the node, not a Docker port", null,
                    null);
        }
        List<Daemon> daemons = daemonsInPodOf(client);
        boolean loopback = LOOPBACK.contains(h) || h.startsWith("127.") || loopbackAlias(client, h);
        Optional<Daemon> named = daemons.stream().filter(d -> d.container().name().equalsIgnoreCase(host)).findFirst();
        if (named.isPresent() || (loopback && !daemons.isEmpty())) {
            Daemon d = named.orElseGet(() -> daemons.stream()
                    .filter(x -> x.tcpPorts().contains(Integer.parseInt(digitsOr(port, "0"))))
                    .findFirst().orElse(daemons.get(0)));
            return new Resolution(Target.POD_DAEMON, written, describe(d, port), d, null);
        }
        if (loopback) {
            return hostNetwork(client) && DOCKER_PORTS.contains(port)
                    ? new Resolution(Target.NODE_DAEMON, written,
                    "the node's Docker Engine on port " + port + " (the pod uses the host network)", null, null)
                    : new Resolution(Target.UNKNOWN, written, "port " + port + " on the pod's loopback, where no "
                    + "Docker daemon of the pod listens", null, null);
        }
        return new Resolution(Target.ELSEWHERE, written, "a Docker daemon at " + host + ":" + port
                + ", outside this pod", null, null);
    }

    private Resolution resolveSocket(ContainerRef client, String written, String rawPath) {
        String path = PathNormalizer.normalize(rawPath);
        Optional<Daemon> own = daemon(client);
        Mounted holder = null;
        for (Mounted m : mountsByContainer.getOrDefault(client.node().path(), List.of())) {
            if (PathNormalizer.isAtOrUnder(path, m.mountPath())
                    && (holder == null || m.mountPath().length() > holder.mountPath().length())) {
                holder = m;
            }
        }
        if (holder != null) {
            VolumeRef v = holder.volume();
            if (v.hostPath().isPresent()) {
                return new Resolution(Target.NODE_DAEMON, written, "the node's socket through hostPath volume '"
                        + v.name() + "' (" + v.hostPath().get().trim() + ")", null, v);
            }
            for (Daemon d : daemonsInPodOf(client)) {
                if (d.container().node().path().equals(client.node().path()) || mountsVolume(d.container(), v)) {
                    return new Resolution(Target.POD_DAEMON, written, describe(d, null) + ", shared through volume '"
                            + v.name() + "'", d, v);
                }
            }
            return new Resolution(Target.ELSEWHERE, written, "a socket on volume '" + v.name() + "' ("
                    + volumeKind(v) + ") that no Docker daemon of this pod shares", null, v);
        }
        if (own.isPresent()) {
            return new Resolution(Target.POD_DAEMON, written, "the container's own Docker daemon", own.get(), null);
        }
        List<Daemon> daemons = daemonsInPodOf(client);
        if (!daemons.isEmpty()) {
            return new Resolution(Target.UNKNOWN, written, "a socket path that no volume shares with the "
                    + "Docker-in-Docker container '" + daemons.get(0).container().name() + "'", null, null);
        }
        if (path.equals(DEFAULT_SOCKET)) {
            return new Resolution(Target.NODE_DAEMON, written, "the node's Docker socket path " + DEFAULT_SOCKET
                    + " (no volume of this pod mounts it into the container)", null, null);
        }
        return new Resolution(Target.UNKNOWN, written, "a socket path that no volume provides", null, null);
    }

    private boolean mountsVolume(ContainerRef c, VolumeRef v) {
        for (Mounted m : mountsByContainer.getOrDefault(c.node().path(), List.of())) {
            if (m.volume().node().path().equals(v.node().path())) {
                return true;
            }
        }
        return false;
    }

    private static String volumeKind(VolumeRef v) {
        for (NodeRef.Field f : v.node().fields()) {
            if (!f.key().equals("name") && f.value().isObject()) {
                return f.key();
            }
        }
        return "volume";
    }

    private static String describe(Daemon d, String port) {
        String base = "the Docker-in-Docker daemon of container '" + d.container().name() + "' (" + d.endpoints() + ")";
        if (port != null && !d.tcpPorts().isEmpty() && !d.tcpPorts().contains(Integer.parseInt(digitsOr(port, "0")))) {
            return base + ", though not on port " + port;
        }
        return base;
    }

    private static String digitsOr(String s, String fallback) {
        return s != null && s.matches("\\d{1,5}") ? s : fallback;
    }

    /** Literal env plus the vars that {@code fieldRef} the node's IP or name, as {@link #NODE_ADDRESS}. */
    private static Map<String, String> expansionEnv(ContainerRef c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (NodeRef e : c.node().get("env").elements()) {
            Optional<String> name = e.get("name").text();
            if (name.isEmpty()) {
                continue;
            }
            Optional<String> value = e.get("value").text();
            String field = e.at("valueFrom", "fieldRef", "fieldPath").textOr("");
            if (value.isPresent()) {
                env.put(name.get(), value.get());
            } else if (NODE_FIELDS.contains(field)) {
                env.put(name.get(), NODE_ADDRESS);
            } else {
                env.remove(name.get());
            }
        }
        return env;
    }

    private Optional<NodeRef> podNode(ContainerRef c) {
        return find(root, podPath(c));
    }

    private boolean hostNetwork(ContainerRef c) {
        return podNode(c).map(p -> p.get("hostNetwork").node().asBoolean(false)).orElse(false);
    }

    private boolean loopbackAlias(ContainerRef c, String host) {
        Optional<NodeRef> pod = podNode(c);
        if (pod.isEmpty()) {
            return false;
        }
        for (NodeRef alias : pod.get().get("hostAliases").elements()) {
            String ip = alias.get("ip").textOr("");
            if (!(ip.startsWith("127.") || ip.equals("::1"))) {
                continue;
            }
            for (NodeRef name : alias.get("hostnames").elements()) {
                if (name.textOr("").equalsIgnoreCase(host)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The node at {@code path} below {@code node}. */
    private static Optional<NodeRef> find(NodeRef node, String path) {
        if (node.path().equals(path)) {
            return Optional.of(node);
        }
        List<NodeRef> children = new ArrayList<>();
        node.fields().forEach(f -> children.add(f.value()));
        children.addAll(node.elements());
        for (NodeRef child : children) {
            String p = child.path();
            if (path.equals(p) || path.startsWith(p + ".") || path.startsWith(p + "[")) {
                return find(child, path);
            }
        }
        return Optional.empty();
    }

    private static String dropLastSegment(String path) {
        if (path.endsWith("\"]")) {
            int open = path.lastIndexOf("[\"");
            return open < 0 ? "" : path.substring(0, open);
        }
        if (path.endsWith("]")) {
            int open = path.lastIndexOf('[');
            return open < 0 ? "" : path.substring(0, open);
        }
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf(']');
        if (dot < 0 || bracket > dot) {
            return bracket >= 0 ? path.substring(0, bracket + 1) : "";
        }
        return path.substring(0, dot);
    }

    // ------------------------------------------------------------------ daemon detection

    private static Optional<Daemon> detectDaemon(ContainerRef c) {
        List<String> command = strings(c.node().get("command"));
        List<String> args = strings(c.node().get("args"));
        List<String> all = new ArrayList<>(command);
        all.addAll(args);
        boolean startsDockerd = all.stream().anyMatch(s -> DOCKERD.matcher(s).find());
        Optional<ImageRef> image = c.image().flatMap(ImageRef::parse);
        boolean dindImage = image.map(DockerInDocker::isDindImage).orElse(false);
        boolean entrypoint = dindImage && command.isEmpty()
                && (args.isEmpty() || args.get(0).startsWith("-") || startsDockerd);
        if (!entrypoint && !startsDockerd) {
            return Optional.empty();
        }
        Set<Integer> ports = new LinkedHashSet<>();
        Set<String> sockets = new LinkedHashSet<>();
        boolean named = false;
        for (String s : all) {
            Matcher t = TCP_HOST.matcher(s);
            while (t.find()) {
                named = true;
                ports.add(t.group(1) == null ? (tls(c, image) ? TLS_PORT : PLAIN_PORT) : Integer.parseInt(t.group(1)));
            }
            Matcher u = UNIX_HOST.matcher(s);
            while (u.find()) {
                named = true;
                sockets.add(PathNormalizer.normalize(u.group(1)));
            }
        }
        if (!named) {
            sockets.add(DEFAULT_SOCKET);
            if (entrypoint) {
                ports.add(tls(c, image) ? TLS_PORT : PLAIN_PORT);
            }
        }
        String why = entrypoint
                ? "Docker-in-Docker image " + c.image().orElse("")
                : "runs dockerd";
        return Optional.of(new Daemon(c, why, ports, sockets));
    }

    /**
     * Whether a Docker-in-Docker image serves TLS: {@code DOCKER_TLS_CERTDIR} non-empty, or unset and the image
     * (Docker 19.03 or later, or an unversioned tag) sets it.
     */
    private static boolean tls(ContainerRef c, Optional<ImageRef> image) {
        for (NodeRef e : c.node().get("env").elements()) {
            if ("DOCKER_TLS_CERTDIR".equals(e.get("name").textOr(""))) {
                Optional<String> v = e.get("value").text();
                return v.isEmpty() || !v.get().isEmpty();
            }
        }
        Optional<List<Integer>> version = image.flatMap(ImageRef::version);
        if (version.isEmpty()) {
            return true;
        }
        List<Integer> v = version.get();
        return v.get(0) > 19 || (v.get(0) == 19 && v.size() > 1 && v.get(1) >= 3);
    }

    /**
     * A Docker-in-Docker image: the official {@code docker} image with a tag that contains {@code dind}, or any
     * repository whose last segment contains {@code dind}.
     */
    public static boolean isDindImage(ImageRef image) {
        return (image.matches("*/library/docker") && image.tag().toLowerCase(Locale.ROOT).contains("dind"))
                || image.lastSegment().contains("dind");
    }

    private static List<String> strings(NodeRef list) {
        List<String> out = new ArrayList<>();
        if (list.isArray()) {
            for (NodeRef item : list.elements()) {
                item.text().ifPresent(out::add);
            }
        } else {
            list.text().ifPresent(out::add);
        }
        return out;
    }
}
