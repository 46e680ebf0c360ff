package dev.shimscan.rules.daemonjson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a daemon.json setting becomes under containerd and the kubelet: the equivalent to configure (and whether the
 * node misbehaves without it), or a clear "no equivalent needed" and why. {@code registry-mirrors} and
 * {@code insecure-registries} are DS501's and get no advice here.
 *
 * @param need    how much the setting matters after the switch
 * @param what    what the setting does, for the message ({@code sets the systemd cgroup driver})
 * @param advice  the equivalent, or why none is needed
 */
record SettingAdvice(Need need, String what, String advice) {

    /** How much a setting matters after the switch. */
    enum Need {
        /** Pods or the node behave differently until the equivalent is configured. */
        EQUIVALENT,
        /** An equivalent exists; without it only diagnostics or defaults change. */
        OPTIONAL,
        /** Nothing to configure: Kubernetes or containerd already covers it, or it only affected Docker. */
        NONE
    }

    static final Set<String> DS501_KEYS = Set.of("registry-mirrors", "insecure-registries");
    static final String CRI = "[plugins.\"io.containerd.grpc.v1.cri\"]";
    static final String CRI_CONTAINERD = "[plugins.\"io.containerd.grpc.v1.cri\".containerd]";
    static final String RUNC_OPTIONS = "[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc.options]";
    static final String CONTAINERD_2 = " (containerd 2.x: the same keys under [plugins.\"io.containerd.cri.v1.runtime\"]"
            + " and [plugins.\"io.containerd.cri.v1.images\"])";
    private static final Pattern SIZE = Pattern.compile("(?i)(\\d+)\\s*([kmg]?)b?");
    private static final String NETWORK = "no equivalent needed: pod networking comes from the CNI plugin (dockershim "
            + "already used CNI) and docker0 goes away; check that no firewall rule or route on the node expects "
            + "Docker's bridge";

    private static final Map<String, SettingAdvice> FIXED = Map.ofEntries(
            Map.entry("max-concurrent-uploads", none("limits parallel image pushes",
                    "no equivalent needed: the kubelet never pushes images")),
            Map.entry("max-download-attempts", none("sets how often Docker retries a layer download",
                    "no equivalent needed: the kubelet retries failed pulls with back-off")),
            Map.entry("live-restore", none("keeps containers running while dockerd restarts",
                    "no equivalent needed: containerd's shims keep containers running while containerd restarts")),
            Map.entry("dns", none("sets DNS servers for containers Docker starts",
                    "no equivalent needed: pod DNS comes from the kubelet (clusterDNS, resolvConf); only containers "
                            + "started with docker run used it")),
            Map.entry("dns-search", none("sets DNS search domains for containers Docker starts",
                    "no equivalent needed: the kubelet writes each pod's resolv.conf (dnsConfig in the pod spec)")),
            Map.entry("dns-opts", none("sets resolver options for containers Docker starts",
                    "no equivalent needed: the kubelet writes each pod's resolv.conf (dnsConfig in the pod spec)")),
            Map.entry("bip", none("sets the address of Docker's bridge docker0", NETWORK)),
            Map.entry("fixed-cidr", none("sets docker0's container address range", NETWORK)),
            Map.entry("fixed-cidr-v6", none("sets docker0's IPv6 range", NETWORK)),
            Map.entry("default-address-pools", none("sets the ranges Docker networks are cut from", NETWORK)),
            Map.entry("bridge", none("chooses Docker's bridge", NETWORK)),
            Map.entry("iptables", none("lets Docker manage iptables rules", NETWORK)),
            Map.entry("ip6tables", none("lets Docker manage ip6tables rules", NETWORK)),
            Map.entry("ip-masq", none("masquerades container traffic", NETWORK)),
            Map.entry("ip-forward", none("enables IP forwarding for Docker", "no equivalent needed for Docker's sake, "
                    + "but the node still needs net.ipv4.ip_forward=1 for pods: set it in /etc/sysctl.d (Docker set it "
                    + "as a side effect)")),
            Map.entry("ipv6", none("enables IPv6 on Docker's bridge", NETWORK)),
            Map.entry("mtu", none("sets docker0's MTU", "no equivalent needed: the CNI plugin sets the pod MTU")),
            Map.entry("ip", none("sets the default bind address of published ports", NETWORK)),
            Map.entry("icc", none("controls traffic between containers on docker0",
                    "no equivalent needed: use NetworkPolicies for traffic between pods")),
            Map.entry("userland-proxy", none("runs docker-proxy for published ports", NETWORK)),
            Map.entry("default-gateway", none("sets docker0's gateway", NETWORK)),
            Map.entry("debug", optional("turns on dockerd's debug log",
                    "containerd: [debug] level = \"debug\" in /etc/containerd/config.toml")),
            Map.entry("log-level", optional("sets dockerd's log level",
                    "containerd: [debug] level = \"...\" in /etc/containerd/config.toml")),
            Map.entry("log-format", optional("sets dockerd's log format",
                    "containerd: [debug] format = \"json\" in /etc/containerd/config.toml")),
            Map.entry("metrics-addr", equivalent("exposes dockerd's Prometheus metrics",
                    "containerd: [metrics] address = \"127.0.0.1:1338\" in /etc/containerd/config.toml; scrape jobs and "
                            + "alerts on engine_daemon_* metrics need rewriting (DS702)")),
            Map.entry("userns-remap", equivalent("remaps container root to an unprivileged user",
                    "containerd has no node-wide remap: use Kubernetes user namespaces per pod (hostUsers: false, "
                            + "Linux 6.3+ with containerd 2.0+)")),
            Map.entry("seccomp-profile", equivalent("sets the default seccomp profile",
                    "kubelet seccompDefault: true applies the runtime's default profile to every pod; a custom profile "
                            + "goes in /var/lib/kubelet/seccomp and pods select it (seccompProfile type Localhost)")),
            Map.entry("selinux-enabled", equivalent("labels containers for SELinux",
                    "containerd: enable_selinux = true under " + CRI + CONTAINERD_2)),
            Map.entry("no-new-privileges", equivalent("forbids privilege escalation in every container",
                    "set allowPrivilegeEscalation: false in pod securityContexts; enforce it with the restricted "
                            + "Pod Security Standard")),
            Map.entry("default-ulimits", equivalent("sets default ulimits of containers",
                    "containerd has no default ulimits: containers inherit containerd's own limits, so set them "
                            + "(LimitNOFILE=..., LimitNPROC=...) in a drop-in "
                            + "/etc/systemd/system/containerd.service.d/limits.conf")),
            Map.entry("default-shm-size", equivalent("sets the size of /dev/shm in containers",
                    "no containerd setting: pods get 64Mi; mount an emptyDir with medium: Memory (and a sizeLimit) at "
                            + "/dev/shm where more is needed")),
            Map.entry("cgroup-parent", none("chooses the parent cgroup of containers",
                    "no equivalent needed: the kubelet places pods in its own cgroup hierarchy (cgroupRoot, "
                            + "kubeReserved and systemReserved in its config)")),
            Map.entry("oom-score-adjust", optional("sets dockerd's OOM score",
                    "containerd: oom_score = -999 at the top of /etc/containerd/config.toml")),
            Map.entry("hosts", equivalent("makes dockerd listen on sockets or TCP",
                    "no equivalent: containerd listens only on /run/containerd/containerd.sock; tools that reached "
                            + "dockerd over tcp:// or a custom socket must move to the Kubernetes API or crictl "
                            + "(DS204 finds DOCKER_HOST users)")),
            Map.entry("tls", none("enables TLS on dockerd's TCP socket",
                    "no equivalent needed: containerd has no TCP API")),
            Map.entry("tlsverify", none("requires client certificates on dockerd's TCP socket",
                    "no equivalent needed: containerd has no TCP API")),
            Map.entry("tlscacert", none("sets the CA of dockerd's TCP socket", "no equivalent needed: containerd has no "
                    + "TCP API")),
            Map.entry("tlscert", none("sets dockerd's TLS certificate", "no equivalent needed: containerd has no TCP "
                    + "API")),
            Map.entry("tlskey", none("sets dockerd's TLS key", "no equivalent needed: containerd has no TCP API")),
            Map.entry("group", optional("sets the group that owns docker.sock",
                    "containerd: [grpc] gid = N in /etc/containerd/config.toml (only root should reach the socket)")),
            Map.entry("exec-root", none("sets dockerd's state directory",
                    "no equivalent needed: containerd keeps its state under /run/containerd")),
            Map.entry("pidfile", none("sets dockerd's PID file", "no equivalent needed")),
            Map.entry("experimental", none("enables Docker's experimental features",
                    "no equivalent needed: they only affect the Docker CLI and docker build")),
            Map.entry("features", none("toggles Docker features (BuildKit)",
                    "no equivalent needed: image builds move to BuildKit, kaniko or buildah anyway")),
            Map.entry("builder", none("configures docker build's cache",
                    "no equivalent needed: containerd does not build images")),
            Map.entry("authorization-plugins", equivalent("puts authorization plugins in front of the Docker API",
                    "no containerd equivalent: control what pods may do with Kubernetes admission (Pod Security, a "
                            + "policy engine) and keep the containerd socket root-only")),
            Map.entry("shutdown-timeout", none("sets how long dockerd waits for containers to stop",
                    "no equivalent needed: the kubelet stops pods with their terminationGracePeriodSeconds "
                            + "(and shutdownGracePeriod on node shutdown)")),
            Map.entry("default-cgroupns-mode", none("chooses containers' cgroup namespace",
                    "no equivalent needed: containerd's CRI gives pods a private cgroup namespace on cgroup v2")),
            Map.entry("allow-nondistributable-artifacts", none("lets Docker push foreign layers",
                    "no equivalent needed: the kubelet never pushes")),
            Map.entry("containerd", none("points dockerd at a containerd socket",
                    "no equivalent needed: containerd becomes the runtime itself")),
            Map.entry("containerd-namespace", none("names the containerd namespace of Docker's containers",
                    "no equivalent needed: the kubelet's containers live in the k8s.io namespace")),
            Map.entry("containerd-plugins-namespace", none("names the containerd namespace of Docker's plugins",
                    "no equivalent needed")),
            Map.entry("storage-opts", optional("passes options to the storage driver",
                    "snapshotter-specific: overlayfs needs none; devmapper takes its pool settings under "
                            + "[plugins.\"io.containerd.snapshotter.v1.devmapper\"]")),
            Map.entry("graph", equivalent("moves Docker's data directory (the old name of data-root)",
                    "containerd: root = \"/path/containerd\" at the top of /etc/containerd/config.toml, on the disk "
                            + "Docker used")));

    private static SettingAdvice none(String what, String advice) {
        return new SettingAdvice(Need.NONE, what, advice);
    }

    private static SettingAdvice optional(String what, String advice) {
        return new SettingAdvice(Need.OPTIONAL, what, advice);
    }

    private static SettingAdvice equivalent(String what, String advice) {
        return new SettingAdvice(Need.EQUIVALENT, what, advice);
    }

    /** The advice for one setting; null for DS501's keys. */
    static SettingAdvice of(String key, JsonNode value) {
        if (DS501_KEYS.contains(key)) {
            return null;
        }
        SettingAdvice fixed = FIXED.get(key);
        if (fixed != null) {
            return fixed;
        }
        return switch (key) {
            case "exec-opts" -> execOpts(DaemonJson.strings(value));
            case "default-runtime" -> defaultRuntime(value.asText(""));
            case "runtimes" -> runtimes(value);
            case "log-driver" -> logDriver(value.asText(""));
            case "log-opts" -> logOpts(value);
            case "data-root" -> dataRoot(value.asText(""));
            case "storage-driver" -> storageDriver(value.asText(""));
            case "max-concurrent-downloads" -> equivalent("lets Docker pull " + value.asText() + " layers at once",
                    "containerd: max_concurrent_downloads = " + value.asText() + " under " + CRI + CONTAINERD_2
                            + "; to pull several images at once also set serializeImagePulls: false in the kubelet "
                            + "config");
            case "proxies" -> proxies(value);
            default -> new SettingAdvice(Need.OPTIONAL, "is a setting shimscan knows no containerd equivalent of",
                    "check what it was for before Docker Engine goes; containerd ignores daemon.json");
        };
    }

    private static SettingAdvice execOpts(List<String> opts) {
        for (String opt : opts) {
            String o = opt.replace(" ", "").toLowerCase(Locale.ROOT);
            if (o.startsWith("native.cgroupdriver=")) {
                String driver = o.substring("native.cgroupdriver=".length());
                if (driver.equals("systemd")) {
                    return equivalent("sets the systemd cgroup driver (" + opt + ")",
                            "containerd: SystemdCgroup = true under " + RUNC_OPTIONS + CONTAINERD_2 + "; kubelet: "
                                    + "cgroupDriver: systemd in its config file; the two must match, or pods fail to "
                                    + "start");
                }
                return equivalent("sets the " + driver + " cgroup driver (" + opt + ")",
                        "containerd: SystemdCgroup = false under " + RUNC_OPTIONS + CONTAINERD_2 + "; kubelet: "
                                + "cgroupDriver: " + driver + "; the two must match (kubeadm defaults the kubelet to "
                                + "systemd since v1.22, so switching both to systemd is the usual path)");
            }
        }
        return none("passes options to Docker's runtime (" + String.join(", ", opts) + ")",
                "no equivalent needed unless an option matters to your pods; runc options go under " + RUNC_OPTIONS);
    }

    private static SettingAdvice defaultRuntime(String runtime) {
        if (runtime.isEmpty() || runtime.equals("runc")) {
            return none("keeps runc as the default runtime", "no equivalent needed: runc is containerd's default");
        }
        return equivalent("makes '" + runtime + "' the runtime of every container",
                "containerd: default_runtime_name = \"" + runtime + "\" under " + CRI_CONTAINERD + " with a runtime "
                        + "entry for it (see runtimes); or keep runc as the default and give the pods that need '"
                        + runtime + "' a RuntimeClass with handler: " + runtime);
    }

    private static SettingAdvice runtimes(JsonNode runtimes) {
        List<String> names = new ArrayList<>();
        StringBuilder toml = new StringBuilder();
        runtimes.fields().forEachRemaining(e -> {
            String name = e.getKey();
            String path = e.getValue().path("path").asText("");
            names.add(name);
            toml.append("[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.").append(name).append("]\n")
                    .append("  runtime_type = \"io.containerd.runc.v2\"\n")
                    .append("  [plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.").append(name)
                    .append(".options]\n");
            if (!path.isEmpty()) {
                toml.append("    BinaryName = \"").append(path).append("\"\n");
            }
        });
        String nvidia = names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).contains("nvidia"))
                ? " (`nvidia-ctk runtime configure --runtime=containerd` writes the nvidia entry)" : "";
        return equivalent("registers the runtimes " + names,
                "containerd: one runtime entry each in /etc/containerd/config.toml" + nvidia + ", and a RuntimeClass "
                        + "per runtime (handler: the entry's name) for the pods that use it:\n" + toml);
    }

    private static SettingAdvice logDriver(String driver) {
        if (driver.isEmpty() || driver.equals("json-file") || driver.equals("local")) {
            return none("writes container logs with the " + (driver.isEmpty() ? "default" : driver) + " driver",
                    "no equivalent needed: the kubelet has containerd write pod logs in CRI format under "
                            + "/var/log/pods (log agents need the CRI parser: DS701)");
        }
        return equivalent("sends container logs to " + driver,
                "containerd has no log drivers: pod logs are always files under /var/log/pods; ship them with a log "
                        + "agent DaemonSet (Fluent Bit, Vector) to where " + driver + " sent them");
    }

    private static SettingAdvice logOpts(JsonNode opts) {
        List<String> parts = new ArrayList<>();
        String size = opts.path("max-size").asText("");
        String files = opts.path("max-file").asText("");
        if (!size.isEmpty()) {
            parts.add("containerLogMaxSize: " + quantity(size));
        }
        if (!files.isEmpty()) {
            parts.add("containerLogMaxFiles: " + files);
        }
        if (parts.isEmpty()) {
            return none("passes options to the log driver",
                    "no equivalent needed for these options; log rotation is the kubelet's containerLogMaxSize and "
                            + "containerLogMaxFiles");
        }
        return equivalent("rotates container logs (" + (size.isEmpty() ? "" : "max-size " + size)
                        + (size.isEmpty() || files.isEmpty() ? "" : ", ") + (files.isEmpty() ? "" : "max-file " + files) + ")",
                "kubelet config (/var/lib/kubelet/config.yaml): " + String.join(", ", parts) + "; without them the "
                        + "kubelet keeps 5 files of 10Mi per container");
    }

    /** Docker's {@code 10m} as a Kubernetes quantity {@code 10Mi}. */
    static String quantity(String dockerSize) {
        Matcher m = SIZE.matcher(dockerSize.trim());
        if (!m.matches()) {
            return dockerSize;
        }
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        return m.group(1) + switch (unit) {
            case "k" -> "Ki";
            case "m" -> "Mi";
            case "g" -> "Gi";
            default -> "";
        };
    }

    private static SettingAdvice dataRoot(String path) {
        String parent = path.contains("/") && path.lastIndexOf('/') > 0 ? path.substring(0, path.lastIndexOf('/')) : "";
        return equivalent("moves Docker's data to " + path,
                "containerd: root = \"" + parent + "/containerd\" at the top of /etc/containerd/config.toml (images and "
                        + "container layers on the same disk as before; the default /var/lib/containerd may sit on a "
                        + "smaller one)");
    }

    private static SettingAdvice storageDriver(String driver) {
        String d = driver.toLowerCase(Locale.ROOT);
        if (d.equals("overlay2") || d.equals("overlay")) {
            return none("uses the " + driver + " storage driver",
                    "no equivalent needed: containerd's default snapshotter, overlayfs, is the same mechanism");
        }
        String snapshotter = switch (d) {
            case "devicemapper" -> "devmapper";
            case "vfs" -> "native";
            default -> d;
        };
        return equivalent("uses the " + driver + " storage driver",
                "containerd: snapshotter = \"" + snapshotter + "\" under " + CRI_CONTAINERD + CONTAINERD_2
                        + (d.equals("devicemapper") ? ", with the devmapper pool configured under "
                        + "[plugins.\"io.containerd.snapshotter.v1.devmapper\"]" : ""));
    }

    private static SettingAdvice proxies(JsonNode proxies) {
        List<String> env = new ArrayList<>();
        for (String[] k : new String[][]{{"http-proxy", "HTTP_PROXY"}, {"https-proxy", "HTTPS_PROXY"},
                {"no-proxy", "NO_PROXY"}}) {
            String v = proxies.path(k[0]).asText("");
            if (!v.isEmpty()) {
                env.add("Environment=\"" + k[1] + "=" + v + "\"");
            }
        }
        return equivalent("sends image pulls through a proxy",
                "containerd: a drop-in /etc/systemd/system/containerd.service.d/http-proxy.conf with [Service] "
                        + String.join(" ", env) + " (NO_PROXY must include the cluster's service and pod ranges), then "
                        + "systemctl daemon-reload and restart containerd; or proxy = \"...\" per registry in hosts.toml");
    }
}
