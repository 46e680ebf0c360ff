package dev.shimscan.rules.logging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Docker-specific things an alerting expression, a dashboard query or a log alert can be keyed on, found in
 * raw text (PromQL, LogQL, JSON with escaped quotes):
 * <ul>
 *   <li>Docker Engine metrics, {@code engine_daemon_*} (dockerd {@code --metrics-addr});</li>
 *   <li>dockershim's kubelet metrics, {@code kubelet_docker_*} (gone from v1.24 kubelets);</li>
 *   <li>a cgroup or container id matcher on Docker ids: {@code id=~"/docker/.*"}, {@code id=~".*docker-.*\.scope"},
 *       {@code container_id=~"docker://.*"};</li>
 *   <li>a {@code name} matcher on dockershim container names ({@code name=~"k8s_.*"});</li>
 *   <li>the Docker daemon by name: {@code dockerd}, {@code docker.service}, {@code docker.socket};</li>
 *   <li>a filesystem alert on Docker's data root ({@code mountpoint="/var/lib/docker"}).</li>
 * </ul>
 * Containerd-era selectors ({@code container!=""}, {@code container_cpu_usage_seconds_total}, {@code image!=""})
 * are not Docker-specific and are not matched.
 */
final class DockerSignals {

    /** One match: where it is in the text and what it means. */
    record Signal(int start, int end, Kind kind, String text) {
    }

    enum Kind {
        ENGINE_METRIC("uses the Docker Engine metric %s, which only dockerd exports (--metrics-addr); it disappears "
                + "with Docker Engine",
                "Alert on what the kubelet and containerd export instead: cAdvisor `container_*` metrics (per "
                        + "`container`/`pod` label), `kubelet_runtime_operations_errors_total`, "
                        + "`kubelet_running_containers`, or containerd's own metrics endpoint."),
        KUBELET_DOCKER_METRIC("uses %s, a dockershim metric that kubelets from v1.24 no longer export",
                "Use the CRI equivalents: `kubelet_runtime_operations_total`, "
                        + "`kubelet_runtime_operations_errors_total`, `kubelet_runtime_operations_duration_seconds`."),
        DOCKER_CGROUP("matches Docker cgroup or container ids (%s); containerd containers have "
                + "'cri-containerd-<id>.scope' cgroups and 'containerd://' ids, so the selector matches nothing",
                "Select containers by the `container`, `pod` and `namespace` labels (for example `container!=\"\"`) "
                        + "instead of Docker cgroup paths or `docker://` ids."),
        DOCKER_NAME("matches dockershim container names (%s); with containerd the cAdvisor 'name' label no "
                + "longer has the k8s_<container>_<pod>_... form",
                "Select containers by the `container`, `pod` and `namespace` labels instead of the `name` label."),
        DOCKER_DAEMON("keys on the Docker daemon (%s): its process, unit and log messages go away with Docker Engine",
                "Watch the container runtime that replaces it: containerd (process `containerd`, unit "
                        + "containerd.service, its log messages) or CRI-O."),
        DOCKER_DATA_ROOT("watches Docker's data root (%s); containerd keeps images and containers under "
                + "/var/lib/containerd",
                "Watch the filesystem of /var/lib/containerd (or the kubelet's `imagefs`) instead of /var/lib/docker.");

        private final String message;
        private final String remediation;

        Kind(String message, String remediation) {
            this.message = message;
            this.remediation = remediation;
        }

        String message(String evidence) {
            return String.format(message, evidence);
        }

        String remediation() {
            return remediation;
        }
    }

    private record Detector(Kind kind, Pattern pattern) {
    }

    private static final String Q = "\\\\?[\"'`]";
    private static final List<Detector> DETECTORS = List.of(
            new Detector(Kind.ENGINE_METRIC, Pattern.compile("\\bengine_daemon_[A-Za-z0-9_]+")),
            new Detector(Kind.KUBELET_DOCKER_METRIC, Pattern.compile("\\bkubelet_docker_[A-Za-z0-9_]+")),
            new Detector(Kind.DOCKER_CGROUP, Pattern.compile(
                    "\\b(?:id|container_id)\\s*(?:=~|!~|!=|=)\\s*" + Q + "[^\"'`\\n]*?docker[^\"'`\\n]*?" + Q)),
            new Detector(Kind.DOCKER_NAME, Pattern.compile("\\bname\\s*(?:=~|=)\\s*" + Q + "\\^?k8s_[^\"'`\\n]*?" + Q)),
            new Detector(Kind.DOCKER_DATA_ROOT, Pattern.compile(
                    "\\bmountpoint\\s*(?:=~|=)\\s*" + Q + "[^\"'`\\n]*?/var/lib/docker[^\"'`\\n]*?" + Q)),
            new Detector(Kind.DOCKER_DAEMON, Pattern.compile("(?<!\\w)dockerd\\b|(?<!\\w)docker\\.(?:service|socket)\\b")));

    private static final Pattern MAY_MATCH = Pattern.compile("(?i)docker|engine_daemon_|k8s_");

    private DockerSignals() {
    }

    /** Quick test before {@link #find}: the text names Docker (any case) or dockershim's container names at all. */
    static boolean mayMatch(String text) {
        return MAY_MATCH.matcher(text).find();
    }

    /** The signals in a text, in order, overlapping matches dropped. */
    static List<Signal> find(String text) {
        if (!mayMatch(text)) {
            return List.of();
        }
        List<Signal> all = new ArrayList<>();
        for (Detector d : DETECTORS) {
            Matcher m = d.pattern().matcher(text);
            while (m.find()) {
                all.add(new Signal(m.start(), m.end(), d.kind(), m.group()));
            }
        }
        all.sort(Comparator.comparingInt(Signal::start));
        List<Signal> out = new ArrayList<>();
        int end = -1;
        for (Signal s : all) {
            if (s.start() >= end) {
                out.add(s);
                end = s.end();
            }
        }
        return out;
    }
}
