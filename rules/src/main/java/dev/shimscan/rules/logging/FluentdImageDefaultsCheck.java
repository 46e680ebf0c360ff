package dev.shimscan.rules.logging;

import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.rules.support.ContainerRef;
import dev.shimscan.rules.support.ImageRef;
import dev.shimscan.rules.support.MountRef;
import dev.shimscan.rules.support.PodSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * DS701 for a log agent whose Docker log parsing is not in any config the manifest holds but in its image: the
 * configs of {@code fluent/fluentd-kubernetes-daemonset} read {@code /var/log/containers/*.log} with
 * {@code @type "#{ENV['FLUENT_CONTAINER_TAIL_PARSER_TYPE'] || 'json'}"}, Docker's JSON log format unless the
 * container sets that variable. Found in the shared corpus ({@code fluentd-k8s-daemonset}: all five of its
 * DaemonSets run the image without the variable; two of them had no finding at all before). Not reported when the container replaces the image's configs (a
 * volume mounted at {@code /fluentd/etc}, whose own config the other checks read) or may take the variable from
 * elsewhere ({@code envFrom}, {@code valueFrom}).
 */
final class FluentdImageDefaultsCheck {
    /** The image, wherever it is mirrored. */
    static final String IMAGE = "*fluent/fluentd-kubernetes-daemonset";
    static final String VARIABLE = "FLUENT_CONTAINER_TAIL_PARSER_TYPE";
    private static final String CONFIG_DIR = "/fluentd/etc";
    private static final String REMEDIATION = "Set the container's env " + VARIABLE + " to `cri` where the image "
            + "ships the CRI parser plugin (fluent-plugin-parser-cri), else to the regular expression "
            + "`/^(?<time>.+) (?<stream>stdout|stderr) [^ ]* (?<log>.*)$/`, and FLUENT_CONTAINER_TAIL_PARSER_TIME_FORMAT "
            + "to `%Y-%m-%dT%H:%M:%S.%N%:z`: the format containerd and CRI-O write.";

    private FluentdImageDefaultsCheck() {
    }

    static List<Hit> check(Resource resource, RuleContext ctx) {
        List<Hit> hits = new ArrayList<>();
        for (ContainerRef c : PodSpecs.of(resource, ctx).containers()) {
            Optional<ImageRef> image = c.image().flatMap(ImageRef::parse);
            if (image.isEmpty() || !image.get().matches(IMAGE) || replacesConfigs(c) || c.node().get("envFrom").exists()) {
                continue;
            }
            Optional<NodeRef> variable = variable(c);
            if (variable.isEmpty()) {
                hits.add(Hit.at(c.node().get("image"), "container '" + c.name() + "' runs " + c.image().get().trim()
                                + ", whose built-in config parses /var/log/containers/*.log as Docker's JSON log format "
                                + "unless " + VARIABLE + " is set: under containerd or CRI-O every line fails to parse")
                        .withContainer(c.name()).withRemediation(REMEDIATION));
                continue;
            }
            NodeRef value = variable.get().get("value");
            if (value.text().map(v -> v.trim().toLowerCase(Locale.ROOT).equals("json")).orElse(false)) {
                hits.add(Hit.at(value, "container '" + c.name() + "' sets " + VARIABLE + " to json, Docker's log "
                                + "format, for /var/log/containers/*.log: under containerd or CRI-O every line fails to parse")
                        .withEvidence(value.text().get()).withContainer(c.name()).withRemediation(REMEDIATION));
            }
        }
        return hits;
    }

    /** The last env entry of the variable (the kubelet lets a later duplicate win), with a value or a valueFrom. */
    private static Optional<NodeRef> variable(ContainerRef c) {
        NodeRef found = null;
        for (NodeRef e : c.node().get("env").elements()) {
            if (e.get("name").text().filter(VARIABLE::equals).isPresent()) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    private static boolean replacesConfigs(ContainerRef c) {
        for (MountRef m : c.mounts()) {
            String path = m.mountPath().orElse("").replaceAll("/+$", "");
            if (path.equals(CONFIG_DIR) || path.startsWith(CONFIG_DIR + "/") || CONFIG_DIR.startsWith(path + "/")
                    || path.isEmpty() && m.mountPath().isPresent()) {
                return true;
            }
        }
        return false;
    }
}
