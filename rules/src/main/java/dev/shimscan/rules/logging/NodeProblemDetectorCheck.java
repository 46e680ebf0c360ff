package dev.shimscan.rules.logging;

import dev.shimscan.core.tree.NodeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * DS702 for node-problem-detector monitor configs (JSON in a ConfigMap): a monitor that reads Docker's log (a
 * journald monitor with {@code pluginConfig.source: dockerd}, a filelog monitor on {@code /var/log/docker.log}),
 * and, in other monitors, a rule keyed on a Docker message ({@code task docker:... blocked}, {@code Docker
 * Application Container Engine}) or a custom plugin that checks Docker ({@code --component=docker}). The conditions
 * and events they raise are node alerts; with containerd they never fire again.
 */
final class NodeProblemDetectorCheck {
    private static final Pattern DOCKER_SOURCE = Pattern.compile("(?i)^\\s*docker(d|\\.service)?\\s*$");
    private static final Pattern DOCKER_MESSAGE = Pattern.compile(
            "task docker:|Docker Application Container Engine|(?<![\\w-])dockerd\\b|(?<![\\w-])docker\\.service\\b"
                    + "|--component=docker\\b");
    static final String REMEDIATION = "Watch the container runtime instead: a journald monitor with "
            + "`\"source\": \"containerd\"`, NPD's health-checker with `--component=cri`, and rules on containerd's "
            + "messages; drop the Docker monitor from `--config.system-log-monitor` once no node runs Docker.";

    private NodeProblemDetectorCheck() {
    }

    /** True when a document is an NPD monitor config: it has {@code plugin} and {@code rules} or {@code conditions}. */
    static boolean applies(EmbeddedYaml.Doc doc) {
        NodeRef root = doc.root();
        return root.get("plugin").isScalar() && root.get("plugin").exists()
                && (root.get("rules").isArray() || root.get("conditions").isArray());
    }

    static List<PlaceHit> check(EmbeddedYaml yaml, EmbeddedYaml.Doc doc) {
        NodeRef root = doc.root();
        String monitor = root.get("source").textOr("monitor");
        List<PlaceHit> out = new ArrayList<>();
        NodeRef source = root.at("pluginConfig", "source");
        if (source.text().filter(s -> DOCKER_SOURCE.matcher(s).matches()).isPresent()) {
            out.add(PlaceHit.of(yaml.placeOf(doc, source), "node-problem-detector monitor '" + monitor + "' reads the "
                    + "journal of '" + source.textOr("") + "', Docker's daemon log; its conditions and events stop "
                    + "when Docker Engine leaves the node", REMEDIATION));
        }
        NodeRef logPath = root.get("logPath");
        if (logPath.text().filter(DockerLogSources::isDockerDaemonLog).isPresent()) {
            out.add(PlaceHit.of(yaml.placeOf(doc, logPath), "node-problem-detector monitor '" + monitor + "' reads "
                    + "Docker's daemon log " + logPath.textOr("") + "; its conditions and events stop when Docker "
                    + "Engine leaves the node", REMEDIATION));
        }
        if (!out.isEmpty()) {
            return out;
        }
        for (NodeRef rule : root.get("rules").elements()) {
            String reason = rule.get("reason").textOr("?");
            List<NodeRef> texts = new ArrayList<>();
            texts.add(rule.get("pattern"));
            texts.add(rule.get("path"));
            texts.addAll(rule.get("args").elements());
            for (NodeRef t : texts) {
                if (t.text().filter(v -> DOCKER_MESSAGE.matcher(v).find()).isPresent()) {
                    out.add(PlaceHit.of(yaml.placeOf(doc, t), "node-problem-detector rule '" + reason + "' of monitor '"
                            + monitor + "' is keyed on Docker (" + t.textOr("").strip() + "); with containerd it never "
                            + "fires", REMEDIATION));
                    break;
                }
            }
        }
        return out;
    }
}
