package dev.shimscan.rules.logging;

import dev.shimscan.core.model.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DS701 for Fluent Bit, over all sections of one object (a ConfigMap's files include each other, so a parser
 * defined in {@code parsers.conf} is used by an input in {@code input-kubernetes.conf}):
 * <ul>
 *   <li>an input or filter that applies a Docker JSON parser: the stock {@code docker} / {@code docker_no_time}
 *       parsers, or a parser of this config with {@code Format json} applied by a tail input that reads container
 *       logs. A {@code [PARSER]} that is defined but used by no input or filter is not a finding;</li>
 *   <li>{@code Docker_Mode On};</li>
 *   <li>{@code multiline.parser} naming {@code docker} without {@code cri};</li>
 *   <li>a systemd input filtered on {@code _SYSTEMD_UNIT=docker.service} (a note when the same input also reads
 *       containerd's unit: only that filter goes quiet);</li>
 *   <li>a tail input reading {@code /var/log/docker.log} or Docker's json-file logs under
 *       {@code /var/lib/docker/containers}.</li>
 * </ul>
 * A tail input's {@code Parser docker} counts only when its {@code Path} reads container logs or cannot be
 * known; on an application's own file it is an ordinary JSON parser with an unlucky name.
 */
final class FluentBitCheck {
    static final String CRI_REMEDIATION = "Let Fluent Bit read both formats: in the tail input replace `Parser docker` "
            + "(and any `Docker_Mode` lines) with `multiline.parser docker, cri` (Fluent Bit 1.8 or later), or use "
            + "`Parser cri` with a `[PARSER] Name cri Format regex Regex ^(?<time>[^ ]+) (?<stream>stdout|stderr) "
            + "(?<logtag>[^ ]*) (?<message>.*)$` once no node runs Docker.";

    private FluentBitCheck() {
    }

    static List<PlaceHit> check(List<FluentBitSection> sections) {
        Set<String> jsonParsers = new HashSet<>();
        for (FluentBitSection s : sections) {
            if (s.type().equals("parser") && s.first("format").map(f -> f.trim().equalsIgnoreCase("json")).orElse(false)) {
                s.first("name").ifPresent(n -> jsonParsers.add(n.trim().toLowerCase(Locale.ROOT)));
            }
        }
        List<PlaceHit> out = new ArrayList<>();
        for (FluentBitSection s : sections) {
            if (s.type().equals("input")) {
                checkInput(s, jsonParsers, out);
            } else if (s.type().equals("filter")) {
                checkFilter(s, out);
            }
        }
        return out;
    }

    private static void checkInput(FluentBitSection s, Set<String> jsonParsers, List<PlaceHit> out) {
        List<FluentBitSection.Setting> paths = s.all("path");
        boolean containerLogs = paths.stream().anyMatch(p -> DockerLogSources.readsContainerLogs(p.value()));
        boolean pathUnknown = paths.isEmpty() || paths.stream().allMatch(p -> DockerLogSources.isUnresolved(p.value()));
        for (FluentBitSection.Setting p : s.all("parser")) {
            String name = p.value().trim().toLowerCase(Locale.ROOT);
            if (DockerLogSources.FLUENT_BIT_DOCKER_PARSERS.contains(name) && (containerLogs || pathUnknown)) {
                out.add(PlaceHit.of(p.place(), "Fluent Bit input parses container logs with the '" + name
                        + "' parser, i.e. Docker's JSON log format; containerd and CRI-O write CRI format "
                        + "('<time> <stream> <F|P> <log>'), which this parser cannot read: use "
                        + "'multiline.parser docker, cri' (or 'Parser cri')", CRI_REMEDIATION));
            } else if (jsonParsers.contains(name) && containerLogs) {
                out.add(PlaceHit.of(p.place(), "Fluent Bit input parses container logs with '" + p.value().trim()
                        + "', a JSON parser (Docker's json-file format); containerd writes CRI format: use "
                        + "'multiline.parser docker, cri' (or 'Parser cri')", CRI_REMEDIATION));
            }
        }
        for (FluentBitSection.Setting d : s.all("dockermode")) {
            if (DockerLogSources.isOn(d.value())) {
                out.add(PlaceHit.of(d.place(), "Fluent Bit tail input sets Docker_Mode, which rejoins lines that "
                        + "Docker's json-file driver split; it does nothing for CRI logs: use "
                        + "'multiline.parser docker, cri' instead",
                        "Remove `Docker_Mode`, `Docker_Mode_Flush` and `Docker_Mode_Parser` and set "
                                + "`multiline.parser docker, cri` on the tail input (Fluent Bit 1.8 or later); "
                                + "a custom first-line parser becomes a `[MULTILINE_PARSER]` applied after it."));
            }
        }
        checkMultiline(s, "input", out);
        checkSystemd(s, out);
        for (FluentBitSection.Setting p : paths) {
            checkPath(p, "Fluent Bit tail input", out);
        }
        for (FluentBitSection.Setting p : s.all("containerlogrealpath")) {
            if (DockerLogSources.readsDockerJsonFiles(p.value())) {
                out.add(PlaceHit.of(p.place(), "Fluent Bit reads container logs from Docker's data root ("
                        + p.value().trim() + "); with containerd the logs are CRI-format files under /var/log/pods",
                        "Set the container log path to /var/log/pods (where /var/log/containers links point) and "
                                + "parse with `multiline.parser docker, cri`; in the Fluent Bit operator set "
                                + "`containerRuntime: containerd` (Helm) or `containerLogRealPath: /var/log/pods`."));
            }
        }
    }

    private static void checkFilter(FluentBitSection s, List<PlaceHit> out) {
        for (FluentBitSection.Setting p : s.all("parser")) {
            for (String name : p.value().split("[,\\s]+")) {
                String n = name.trim().toLowerCase(Locale.ROOT);
                if (DockerLogSources.FLUENT_BIT_DOCKER_PARSERS.contains(n)) {
                    out.add(PlaceHit.of(p.place(), "Fluent Bit filter applies the '" + n + "' parser (Docker's "
                            + "JSON log format) to records; CRI log lines are not JSON: parse them at the input "
                            + "with 'multiline.parser docker, cri' (or 'Parser cri')", CRI_REMEDIATION));
                    break;
                }
            }
        }
        checkMultiline(s, "filter", out);
    }

    private static void checkMultiline(FluentBitSection s, String what, List<PlaceHit> out) {
        List<FluentBitSection.Setting> ml = s.all("multilineparser");
        boolean cri = false;
        FluentBitSection.Setting docker = null;
        for (FluentBitSection.Setting m : ml) {
            for (String token : m.value().split("[,\\s]+")) {
                String t = token.trim().toLowerCase(Locale.ROOT);
                if (t.equals("cri")) {
                    cri = true;
                } else if (t.equals("docker") && docker == null) {
                    docker = m;
                }
            }
        }
        if (docker != null && !cri) {
            out.add(PlaceHit.of(docker.place(), "Fluent Bit " + what + " uses the 'docker' multiline parser "
                    + "without 'cri'; CRI-format lines (containerd, CRI-O) are not rejoined or parsed: use "
                    + "'multiline.parser docker, cri'",
                    "Add `cri` to the list: `multiline.parser docker, cri` reads both formats during the move."));
        }
    }

    private static void checkSystemd(FluentBitSection s, List<PlaceHit> out) {
        List<FluentBitSection.Setting> filters = s.all("systemdfilter");
        boolean alsoRuntime = filters.stream().anyMatch(f -> DockerLogSources.namesOtherRuntimeUnit(f.value()));
        for (FluentBitSection.Setting f : filters) {
            if (DockerLogSources.namesDockerUnit(f.value())) {
                PlaceHit hit = alsoRuntime
                        ? PlaceHit.of(f.place(), "Fluent Bit systemd input also collects the docker.service journal "
                                + "unit; it reads containerd's unit too, so only this filter goes quiet when Docker "
                                + "Engine leaves the node",
                        "Drop `Systemd_Filter _SYSTEMD_UNIT=docker.service` once no node runs Docker; keep the "
                                + "containerd.service filter.").withSeverity(Severity.NOTE)
                        : PlaceHit.of(f.place(), "Fluent Bit systemd input collects Docker's own log (journal unit "
                                + "docker.service), which stops when Docker Engine leaves the node: collect "
                                + "containerd.service instead",
                        "Replace `Systemd_Filter _SYSTEMD_UNIT=docker.service` with "
                                + "`Systemd_Filter _SYSTEMD_UNIT=containerd.service` (or crio.service).");
                out.add(hit);
            }
        }
    }

    static void checkPath(FluentBitSection.Setting p, String who, List<PlaceHit> out) {
        checkPath(p, who, "the Fluent Bit systemd input with `Systemd_Filter _SYSTEMD_UNIT=containerd.service`",
                "tail /var/log/containers/*.log with `multiline.parser docker, cri`", out);
    }

    /**
     * A path that reads Docker's daemon log or its json-file logs.
     *
     * @param journalRemedy how this tool collects the containerd.service journal unit
     * @param criRemedy     how this tool reads CRI logs
     */
    static void checkPath(FluentBitSection.Setting p, String who, String journalRemedy, String criRemedy,
                          List<PlaceHit> out) {
        if (DockerLogSources.isDockerDaemonLog(p.value())) {
            out.add(PlaceHit.of(p.place(), who + " reads Docker's daemon log " + p.value().trim()
                    + ", which goes away with Docker Engine: collect the container runtime's log instead "
                    + "(journal unit containerd.service)",
                    "Collect containerd's log, the journal unit containerd.service: " + journalRemedy + "."));
        } else if (DockerLogSources.readsDockerJsonFiles(p.value())) {
            out.add(PlaceHit.of(p.place(), who + " reads Docker's json-file logs under /var/lib/docker/containers; "
                    + "with containerd, container logs are CRI-format files under /var/log/pods "
                    + "(linked from /var/log/containers)",
                    "Read the CRI logs instead: " + criRemedy + "."));
        }
    }
}
