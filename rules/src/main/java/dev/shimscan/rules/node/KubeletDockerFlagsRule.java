package dev.shimscan.rules.node;

import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.source.host.HostFileCategory;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.rules.support.HostFile;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DS403: kubelet flags or configuration that select Docker Engine.
 * <ul>
 *   <li>On the node: flags in {@code kubeadm-flags.env}, {@code /etc/default/kubelet}, {@code /etc/sysconfig/kubelet}
 *       and the kubelet's systemd unit and drop-ins; {@code containerRuntimeEndpoint} in its config file; kubelet
 *       flags handed over by bootstrap scripts and cloud-init (on lines that name {@code kubelet} or
 *       {@code bootstrap.sh}, such as EKS's {@code bootstrap.sh --container-runtime dockerd}).</li>
 *   <li>In a cluster: {@code containerRuntimeEndpoint} of a {@code KubeletConfiguration} read from a node's
 *       {@code /configz} ({@code shimscan cluster --kubelet-config}).</li>
 * </ul>
 * {@code --container-runtime=docker}, {@code --docker-endpoint}, an endpoint naming {@code dockershim.sock}, and the
 * dockershim-only flags that kubelet v1.24 removed ({@code --network-plugin}, {@code --cni-bin-dir}, ...: the kubelet
 * refuses to start with them) are errors; an endpoint naming {@code cri-dockerd.sock} is a warning (Docker Engine
 * through cri-dockerd still works, as DS401 says of such nodes). Comment lines are skipped.
 */
public final class KubeletDockerFlagsRule implements Rule {
    public static final RuleMeta META = new RuleMeta("DS403", "kubelet-docker-flags", Severity.ERROR,
            Set.of(SourceKind.HOST, SourceKind.CLUSTER),
            "Kubelet flags or config that select Docker: --container-runtime=docker, --docker-endpoint, "
                    + "--container-runtime-endpoint naming dockershim.sock or cri-dockerd.sock, and the dockershim-only "
                    + "flags removed in v1.24.",
            "Drain the node, install containerd, point the kubelet at it (--container-runtime-endpoint="
                    + "unix:///run/containerd/containerd.sock, or containerRuntimeEndpoint in its config file), remove "
                    + "--container-runtime, --docker-endpoint and the dockershim network flags, restart the kubelet and "
                    + "uncordon the node.");

    static final String CONTAINERD = "unix:///run/containerd/containerd.sock";
    private static final Pattern RUNTIME_DOCKER = Pattern.compile(
            "--container-runtime(?:=|[ \\t]+)[\"']?(docker|dockerd)(?![\\w.-])");
    private static final Pattern ENDPOINT = Pattern.compile(
            "--(?:container-runtime-endpoint|image-service-endpoint)(?:=|[ \\t]+)[\"']?([^\\s\"']*(dockershim|cri-dockerd|cri-docker)\\.sock)");
    private static final Pattern REMOVED = Pattern.compile(
            "--(docker-endpoint|network-plugin|network-plugin-mtu|cni-bin-dir|cni-conf-dir|cni-cache-dir"
                    + "|image-pull-progress-deadline|experimental-dockershim-root-directory)(?=[=\\s\"']|$)[^\\s\"']*");
    private static final Pattern CONFIG_ENDPOINT = Pattern.compile(
            "\"?containerRuntimeEndpoint\"?[ \\t]*:[ \\t]*[\"']?([^\\s\"',}]*(dockershim|cri-dockerd|cri-docker)\\.sock)");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        Optional<HostFile> file = HostFile.of(resource);
        if (file.isPresent()) {
            checkFile(file.get(), ctx);
        } else if ("KubeletConfiguration".equals(resource.ref().kind())) {
            checkLiveConfig(resource, ctx);
        }
    }

    private static void checkFile(HostFile f, RuleContext ctx) {
        boolean kubeletFile = f.category() == HostFileCategory.KUBELET_FLAGS
                || (f.category() == HostFileCategory.SYSTEMD_UNIT && f.path().contains("kubelet"));
        boolean script = f.category() == HostFileCategory.SCRIPT || f.category() == HostFileCategory.CLOUD_INIT;
        boolean config = f.category() == HostFileCategory.KUBELET_CONFIG;
        if (!kubeletFile && !script && !config) {
            return;
        }
        String text = f.text();
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end);
            String trimmed = line.stripLeading();
            boolean comment = trimmed.startsWith("#") || trimmed.startsWith(";") || trimmed.startsWith("//");
            if (!comment && config) {
                configLine(f, line, start, ctx);
            } else if (!comment && (kubeletFile || mentionsKubelet(line))) {
                flagLine(f, line, start, ctx);
            }
            start = end + 1;
        }
    }

    private static boolean mentionsKubelet(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        return lower.contains("kubelet") || lower.contains("bootstrap.sh");
    }

    private static void flagLine(HostFile f, String line, int lineStart, RuleContext ctx) {
        Matcher runtime = RUNTIME_DOCKER.matcher(line);
        while (runtime.find()) {
            ctx.report(f.hit("kubelet flag " + runtime.group() + " in " + f.path() + " selects Docker Engine through the "
                    + "built-in dockershim, which kubelet v1.24 removed: the node cannot run pods after the upgrade",
                    runtime.group(), lineStart + runtime.start()));
        }
        Matcher endpoint = ENDPOINT.matcher(line);
        while (endpoint.find()) {
            endpoint(f, endpoint.group(), endpoint.group(1), endpoint.group(2), lineStart + endpoint.start(), ctx);
        }
        Matcher removed = REMOVED.matcher(line);
        while (removed.find()) {
            String flag = removed.group();
            String message = removed.group(1).equals("docker-endpoint")
                    ? "kubelet flag " + flag + " in " + f.path() + " points the kubelet's dockershim at Docker Engine; "
                    + "dockershim and the flag are gone from kubelet v1.24, which refuses to start with it"
                    : "kubelet flag " + flag + " in " + f.path() + " only ever configured dockershim; kubelet v1.24 "
                    + "removed it and refuses to start with it";
            ctx.report(f.hit(message, flag, lineStart + removed.start()).withRemediation("Remove " + flag
                    + " from " + f.path() + " before upgrading the kubelet to v1.24; with containerd the network is "
                    + "set up by the CNI plugin configured in /etc/cni/net.d and containerd's config."));
        }
    }

    private static void configLine(HostFile f, String line, int lineStart, RuleContext ctx) {
        Matcher m = CONFIG_ENDPOINT.matcher(line);
        if (m.find()) {
            endpoint(f, m.group(), m.group(1), m.group(2), lineStart + m.start(), ctx);
        }
    }

    private static void endpoint(HostFile f, String evidence, String socket, String kind, int offset,
                                 RuleContext ctx) {
        ctx.report(endpointHit(f.hit("", evidence, offset), "in " + f.path(), socket, kind));
    }

    private static void checkLiveConfig(Resource resource, RuleContext ctx) {
        NodeRef endpoint = resource.root().get("containerRuntimeEndpoint");
        String value = endpoint.textOr("");
        Matcher m = Pattern.compile("(dockershim|cri-dockerd|cri-docker)\\.sock").matcher(value);
        if (m.find()) {
            String node = resource.ref().name() == null ? "(unnamed)" : resource.ref().name();
            ctx.report(endpointHit(Hit.at(endpoint, "").withEvidence(value), "of node '" + node + "' (/configz)",
                    value, m.group(1)));
        }
    }

    private static Hit endpointHit(Hit base, String where, String socket, String kind) {
        if (kind.equals("dockershim")) {
            return new Hit(base.at(), "kubelet container runtime endpoint " + socket + " " + where + " is dockershim, "
                    + "which kubelet v1.24 removed: the node cannot run pods after the upgrade", base.evidence(),
                    base.evidenceOffset(), null, null, null)
                    .withRemediation("Point the kubelet at containerd (" + CONTAINERD + ") after installing it and "
                            + "draining the node.");
        }
        return new Hit(base.at(), "kubelet container runtime endpoint " + socket + " " + where + " is cri-dockerd: "
                + "Docker Engine stays the node's runtime through an extra shim", base.evidence(),
                base.evidenceOffset(), null, Severity.WARNING, null)
                .withRemediation("Plan the move to containerd: drain the node, point the kubelet at " + CONTAINERD
                        + ", remove cri-dockerd and Docker Engine, uncordon; until then keep cri-dockerd updated with "
                        + "the kubelet.");
    }
}
