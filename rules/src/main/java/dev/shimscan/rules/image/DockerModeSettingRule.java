package dev.shimscan.rules.image;

import dev.shimscan.core.rule.Keyword;
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
import dev.shimscan.rules.support.PodSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DS303: a setting that makes a controller or agent talk to Docker Engine without naming its socket. Each finding
 * sits at the exact {@code command}/{@code args} element, or at the line of a ConfigMap value, and says what the
 * setting should become.
 *
 * <p>Container arguments (each {@code command}/{@code args} element is split on white space, so flags inside
 * {@code sh -c} scripts count too; {@code -flag}, {@code --flag}, {@code --flag=value} and {@code --flag value}):
 * <ul>
 *   <li>Weave Scope {@code --probe.docker} / {@code --probe.docker=true}, and {@code --probe.cri=true} without
 *       {@code --probe.cri.endpoint} (whose default is the dockershim socket);</li>
 *   <li>cAdvisor (a container whose image or name says cadvisor) {@code --docker_only}, {@code --docker=ENDPOINT}
 *       and {@code --docker_root}; a {@code --docker} value that names a Docker socket path is left to DS106;</li>
 *   <li>{@code --container-runtime=docker} (kubelet and tools that take the kubelet's flag).</li>
 * </ul>
 * ConfigMap data: Argo Workflows {@code containerRuntimeExecutor: docker} (as its own key, or as a line of the
 * {@code config} block, YAML or JSON), and SignalFx Smart Agent / Splunk collector monitors of
 * {@code type: docker-container-stats}. Lines whose first character is {@code #} are comments.
 */
public final class DockerModeSettingRule implements Rule {
    public static final RuleMeta META = new RuleMeta("DS303", "docker-mode-setting", Severity.WARNING,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER),
            "A setting switches a controller or agent to talk to Docker Engine without naming the socket: Argo "
                    + "Workflows containerRuntimeExecutor: docker, Weave Scope --probe.docker=true, cAdvisor "
                    + "--docker_only / --docker=..., SignalFx docker-container-stats monitor, --container-runtime=docker "
                    + "in container args.",
            "Switch the setting to the CRI runtime: containerRuntimeExecutor: emissary; --probe.docker=false "
                    + "--probe.cri=true --probe.cri.endpoint=unix:///run/containerd/containerd.sock; cAdvisor "
                    + "--containerd=/run/containerd/containerd.sock without --docker flags; the kubelet-metrics monitor "
                    + "instead of docker-container-stats; --container-runtime-endpoint=unix:///run/containerd/containerd.sock.");

    private static final Pattern ARGO_EXECUTOR = Pattern.compile(
            "(?<![\\w-])[\"']?containerRuntimeExecutor[\"']?\\s*:\\s*[\"']?docker[\"']?(?![\\w-])");
    private static final Pattern SIGNALFX_MONITOR = Pattern.compile(
            "(?<![\\w-])[\"']?type[\"']?\\s*:\\s*[\"']?docker-container-stats[\"']?(?![\\w-])");
    private static final Pattern DOCKER_SOCKET_PATH = Pattern.compile("/(?:docker|dockershim|cri-dockerd)\\.sock\\b");
    private static final Pattern TOKEN = Pattern.compile("\\S+");

    private static final String ARGO_MESSAGE = "Argo Workflows runs its executor through Docker Engine with "
            + "containerRuntimeExecutor: docker (it mounts the node's Docker socket into every workflow pod)";
    private static final String ARGO_FIX = "Set containerRuntimeExecutor: emissary (the default since Argo Workflows "
            + "v3.3; v3.4 removed the docker executor) or delete the setting, and upgrade Argo if it is older.";
    private static final String SIGNALFX_MESSAGE = "SignalFx Smart Agent monitor docker-container-stats reads "
            + "container metrics from Docker Engine; without dockershim it reports wrong or no metrics";
    private static final String SIGNALFX_FIX = "Remove the docker-container-stats monitor and enable the "
            + "kubelet-metrics monitor (type: kubelet-metrics); review dashboards and alerts, the metric names change.";
    private static final String SCOPE_FIX = "Use --probe.docker=false --probe.cri=true "
            + "--probe.cri.endpoint=unix:///run/containerd/containerd.sock (or unix:///var/run/crio/crio.sock) and mount "
            + "that socket into the probe.";

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: every setting names docker (containerRuntimeExecutor: docker, --docker_only, docker-container-stats, --container-runtime=docker) except Weave Scope's --probe.cri; a value docker may be followed by a dot, so docker.io/ is not excluded. */
    @Override
    public Keywords keywords() {
        return Keywords.anyOf(Keyword.of("docker").notFollowedBy("-entrypoint"), Keyword.of("probe.cri"));
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        for (ContainerRef c : PodSpecs.of(resource, ctx).containers()) {
            checkArguments(c, ctx);
        }
        if ("ConfigMap".equals(resource.ref().kind())) {
            for (NodeRef.Field f : resource.root().get("data").fields()) {
                checkConfigValue(f.key(), f.value(), ctx);
            }
        }
    }

    // ------------------------------------------------------------------ container arguments

    /** A white-space separated word of a command/args element, with its offset in the element's value. */
    private record Word(NodeRef element, String text, int offset, String flag, String value) {
        static Word of(NodeRef element, String raw, int offset) {
            String text = raw;
            int off = offset;
            while (!text.isEmpty() && (text.charAt(0) == '\'' || text.charAt(0) == '"')) {
                text = text.substring(1);
                off++;
            }
            while (!text.isEmpty() && (text.endsWith("'") || text.endsWith("\"") || text.endsWith(";"))) {
                text = text.substring(0, text.length() - 1);
            }
            String flag = null;
            String value = null;
            if (text.startsWith("-") && text.length() > 1 && !text.equals("--")) {
                String body = text.substring(text.startsWith("--") ? 2 : 1);
                int eq = body.indexOf('=');
                flag = eq < 0 ? body : body.substring(0, eq);
                value = eq < 0 ? null : body.substring(eq + 1);
            }
            return new Word(element, text, off, flag, value);
        }
    }

    private void checkArguments(ContainerRef c, RuleContext ctx) {
        List<Word> words = new ArrayList<>();
        for (String list : List.of("command", "args")) {
            for (NodeRef element : c.node().get(list).elements()) {
                String text = element.textOr("");
                Matcher m = TOKEN.matcher(text);
                while (m.find()) {
                    words.add(Word.of(element, m.group(), m.start()));
                }
            }
        }
        boolean cadvisor = c.image().orElse("").toLowerCase(Locale.ROOT).contains("cadvisor")
                || c.name().toLowerCase(Locale.ROOT).contains("cadvisor");
        boolean criEndpointSet = words.stream().anyMatch(w -> "probe.cri.endpoint".equals(w.flag()));
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            if (w.flag() == null) {
                continue;
            }
            String next = i + 1 < words.size() ? words.get(i + 1).text() : null;
            switch (w.flag()) {
                case "probe.docker" -> {
                    if (isTrue(w.value())) {
                        report(ctx, c, w, "Weave Scope " + w.text() + " makes the probe read containers from Docker "
                                + "Engine", SCOPE_FIX);
                    }
                }
                case "probe.cri" -> {
                    if (isTrue(w.value()) && !criEndpointSet) {
                        report(ctx, c, w, "Weave Scope " + w.text() + " without --probe.cri.endpoint talks to the "
                                + "dockershim socket, the endpoint's default", SCOPE_FIX);
                    }
                }
                case "container-runtime" -> {
                    String v = w.value() != null ? w.value() : next;
                    if ("docker".equals(v)) {
                        report(ctx, c, w, w.text() + (w.value() == null ? " docker" : "") + " selects the Docker "
                                + "runtime (dockershim)", "Use --container-runtime=remote (or drop the flag, it is "
                                + "gone since Kubernetes v1.27) with "
                                + "--container-runtime-endpoint=unix:///run/containerd/containerd.sock, or the tool's "
                                + "containerd option.");
                    }
                }
                default -> {
                    if (cadvisor) {
                        checkCadvisorFlag(ctx, c, w, next);
                    }
                }
            }
        }
    }

    private void checkCadvisorFlag(RuleContext ctx, ContainerRef c, Word w, String next) {
        switch (w.flag()) {
            case "docker_only" -> {
                if (isTrue(w.value())) {
                    report(ctx, c, w, "cAdvisor " + w.text() + " reports only the containers its runtime handlers "
                            + "claim; with the Docker handler gone, nothing but the root cgroup is left unless the "
                            + "containerd handler reaches its socket", "Mount /run/containerd/containerd.sock (cAdvisor's "
                            + "--containerd default) into cAdvisor, or drop --docker_only; remove --docker and "
                            + "--docker_root.");
                }
            }
            case "docker" -> {
                String v = w.value() != null ? w.value() : (next != null && !next.startsWith("-") ? next : null);
                if (v != null && !DOCKER_SOCKET_PATH.matcher(v).find()) {
                    report(ctx, c, w, "cAdvisor " + w.text() + (w.value() == null ? " " + v : "")
                            + " points its Docker handler at a Docker Engine endpoint", "Remove --docker and use "
                            + "--containerd=/run/containerd/containerd.sock (the default) with that socket mounted.");
                }
            }
            case "docker_root" -> report(ctx, c, w, "cAdvisor " + w.text() + (w.value() == null && next != null
                            ? " " + next : "") + " reads Docker Engine's storage directory",
                    "Remove --docker_root and the /var/lib/docker mount; containerd keeps its state under "
                            + "/var/lib/containerd, which cAdvisor reads through the containerd socket.");
            default -> {
            }
        }
    }

    private static void report(RuleContext ctx, ContainerRef c, Word w, String what, String fix) {
        ctx.report(Hit.at(w.element(), what + " (container '" + c.name() + "'); " + lowerFirst(fix))
                .withEvidence(w.text(), w.offset())
                .withContainer(c.name())
                .withRemediation(fix));
    }

    /** A Go boolean flag: present without value, or a value strconv.ParseBool reads as true. */
    private static boolean isTrue(String value) {
        return value == null || Set.of("1", "t", "T", "true", "TRUE", "True").contains(value);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    // ------------------------------------------------------------------ ConfigMap data

    private void checkConfigValue(String key, NodeRef value, RuleContext ctx) {
        String text = value.textOr(null);
        if (text == null) {
            return;
        }
        if (key.equals("containerRuntimeExecutor") && unquote(text.trim()).equals("docker")) {
            ctx.report(Hit.at(value, "ConfigMap key 'containerRuntimeExecutor': " + ARGO_MESSAGE + "; "
                    + lowerFirst(ARGO_FIX)).withRemediation(ARGO_FIX));
            return;
        }
        // each pattern needs its setting's name: a plain search first spares the regex most values
        if (text.contains("containerRuntimeExecutor")) {
            scanLines(key, value, text, ARGO_EXECUTOR, ARGO_MESSAGE, ARGO_FIX, ctx);
        }
        if (text.contains("docker-container-stats")) {
            scanLines(key, value, text, SIGNALFX_MONITOR, SIGNALFX_MESSAGE, SIGNALFX_FIX, ctx);
        }
    }

    private static void scanLines(String key, NodeRef value, String text, Pattern pattern, String message, String fix,
                                  RuleContext ctx) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int lineStart = text.lastIndexOf('\n', m.start()) + 1;
            if (text.substring(lineStart, m.start()).trim().startsWith("#")) {
                continue;
            }
            ctx.report(Hit.at(value, "ConfigMap key '" + key + "': " + message + "; " + lowerFirst(fix))
                    .withEvidence(m.group(), m.start())
                    .withRemediation(fix));
        }
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
