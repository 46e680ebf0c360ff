package dev.shimscan.rules.logging;

import dev.shimscan.core.tree.NodeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DS701 for log agents whose config is neither Fluent Bit, Fluentd nor YAML, read line by line: Vector's TOML
 * ({@code type = "docker_logs"}, journald {@code include_units = ["docker"]}) and Grafana Alloy / Agent Flow
 * ({@code stage.docker {}}, {@code loki.source.docker}), plus journal matches on {@code docker.service} and
 * {@code /var/log/docker.log} paths in them. Comment lines ({@code #}, {@code //}) are skipped.
 */
final class PlainTextPipelineCheck {
    private static final Pattern VECTOR_TOML = Pattern.compile("(?m)^[ \\t]*\\[(sources|transforms|sinks)\\.");
    private static final Pattern ALLOY = Pattern.compile(
            "(?m)^[ \\t]*(loki\\.[a-z_.]+|discovery\\.[a-z_]+|local\\.file_match|prometheus\\.[a-z_.]+)\\s+\"[^\"]*\"\\s*\\{");

    private record LinePattern(Pattern pattern, String message, String remediation) {
    }

    private static final List<LinePattern> PATTERNS = List.of(
            new LinePattern(Pattern.compile("^type\\s*=\\s*[\"']docker_logs[\"']"),
                    "Vector 'docker_logs' source reads container logs through the Docker Engine API, which is gone "
                            + "with containerd: use the 'kubernetes_logs' source",
                    "Replace the source with `type = \"kubernetes_logs\"`; it reads /var/log/pods and understands "
                            + "the CRI format."),
            new LinePattern(Pattern.compile("^include_units\\s*=\\s*\\[[^\\]]*[\"']docker(\\.service)?[\"']"),
                    "Vector journald source collects Docker's own log (unit docker), which stops when Docker Engine "
                            + "leaves the node: collect containerd instead",
                    "Use `include_units = [\"containerd\"]` (or crio)."),
            new LinePattern(Pattern.compile("\\bstage\\.docker\\s*\\{"),
                    "Alloy/Grafana Agent 'stage.docker' parses Docker's JSON log format; containerd writes CRI "
                            + "format: use 'stage.cri {}'",
                    "Replace `stage.docker {}` with `stage.cri {}` in the `loki.process` block."),
            new LinePattern(Pattern.compile("\\bloki\\.source\\.docker\\s+\""),
                    "Alloy/Grafana Agent 'loki.source.docker' reads container logs through the Docker Engine API, "
                            + "which is gone with containerd: read the pod log files instead",
                    "Use `loki.source.kubernetes` (through the API server) or `local.file_match` on "
                            + "/var/log/pods/*/*/*.log with `loki.source.file` and `stage.cri {}`."),
            new LinePattern(Pattern.compile("(?i)_SYSTEMD_UNIT\\W{0,6}docker\\.(service|socket)\\b"),
                    "log agent collects Docker's own log from the journal (docker.service), which stops when Docker "
                            + "Engine leaves the node: collect containerd.service instead",
                    "Select the containerd.service (or crio.service) journal unit instead of docker.service."),
            new LinePattern(Pattern.compile("(?i)/var/log/(upstart/)?docker\\.log\\b"),
                    "log agent reads Docker's daemon log /var/log/docker.log, which goes away with Docker Engine: "
                            + "collect containerd's log (journal unit containerd.service) instead",
                    "Collect the journal unit containerd.service (or crio.service) instead of /var/log/docker.log."));

    private PlainTextPipelineCheck() {
    }

    static boolean looksLike(String text) {
        // a character each pattern needs, looked for first: most texts have neither
        return text.indexOf('[') >= 0 && VECTOR_TOML.matcher(text).find()
                || text.indexOf('{') >= 0 && ALLOY.matcher(text).find();
    }

    static List<PlaceHit> check(NodeRef holder, String text) {
        List<PlaceHit> out = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String line = text.substring(lineStart, lineEnd);
            int indent = 0;
            while (indent < line.length() && Character.isWhitespace(line.charAt(indent))) {
                indent++;
            }
            String content = line.substring(indent);
            if (!content.startsWith("#") && !content.startsWith("//")) {
                for (LinePattern p : PATTERNS) {
                    Matcher m = p.pattern().matcher(content);
                    if (m.find()) {
                        out.add(PlaceHit.of(new Place(holder, lineStart + indent + m.start(), m.end() - m.start()),
                                p.message(), p.remediation()));
                        break;
                    }
                }
            }
            lineStart = lineEnd + 1;
        }
        return out;
    }
}
