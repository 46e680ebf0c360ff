package dev.shimscan.rules.logging;

import dev.shimscan.core.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DS701 for Fluentd:
 * <ul>
 *   <li>a {@code tail} source on container logs whose parser is JSON: {@code <parse> @type json} (also as the
 *       default of {@code "#{ENV['...'] || 'json'}"}) or v0.12 {@code format json};</li>
 *   <li>{@code <parse> @type multi_format} with JSON patterns only. With a JSON <em>and</em> a CRI pattern
 *       (a {@code cri} format or a regexp on {@code stdout|stderr}) it reads both formats and is not a finding;</li>
 *   <li>a source that reads Docker's daemon log ({@code /var/log/docker.log}) or its json-file logs under
 *       {@code /var/lib/docker/containers};</li>
 *   <li>a {@code systemd} source whose {@code filters}/{@code matches} select {@code docker.service}.</li>
 * </ul>
 * A {@code <filter> @type parser} with {@code <parse> @type json} parses the application's own JSON inside the log
 * field and is not a finding.
 */
final class FluentdCheck {
    static final String CRI_REMEDIATION = "Parse CRI lines: `<parse> @type cri </parse>` (fluent-plugin-parser-cri), "
            + "or `@type regexp` with `expression /^(?<time>[^ ]+) (?<stream>stdout|stderr) (?<logtag>[^ ]*) "
            + "(?<log>.*)$/` and `time_format %Y-%m-%dT%H:%M:%S.%N%:z`; during the move `@type multi_format` with one "
            + "json and one CRI `<pattern>` reads both.";

    private FluentdCheck() {
    }

    static List<PlaceHit> check(List<FluentdConfig.Directive> directives) {
        List<PlaceHit> out = new ArrayList<>();
        for (FluentdConfig.Directive d : directives) {
            visit(d, out);
        }
        return out;
    }

    private static void visit(FluentdConfig.Directive d, List<PlaceHit> out) {
        if (d.name().equals("source")) {
            checkSource(d, out);
        }
        for (FluentdConfig.Directive c : d.children()) {
            visit(c, out);
        }
    }

    private static void checkSource(FluentdConfig.Directive source, List<PlaceHit> out) {
        String type = source.type();
        if (type.equals("tail") || type.equals("in_tail")) {
            Optional<FluentdConfig.Param> path = source.param("path");
            String paths = path.map(FluentdConfig.Param::effective).orElse("");
            if (DockerLogSources.readsContainerLogs(paths)) {
                checkTailParser(source, paths, out);
            }
            path.ifPresent(p -> FluentBitCheck.checkPath(new FluentBitSection.Setting("path", p.effective(), p.place()),
                    "Fluentd tail source", "a `<source> @type systemd` with `matches [{ \"_SYSTEMD_UNIT\": "
                            + "\"containerd.service\" }]`",
                    "`path /var/log/containers/*.log` with `<parse> @type cri </parse>`", out));
        } else if (type.equals("systemd") || type.equals("systemd_entry")) {
            for (FluentdConfig.Param p : source.params()) {
                if ((p.key().equals("filters") || p.key().equals("matches")) && DockerLogSources.namesDockerUnit(p.value())) {
                    PlaceHit hit = PlaceHit.of(p.place(), "Fluentd systemd source collects Docker's own log (journal "
                            + "unit docker.service), which stops when Docker Engine leaves the node: collect "
                            + "containerd.service instead",
                            "Change the unit in `" + p.key() + "` to containerd.service (or crio.service).");
                    out.add(DockerLogSources.namesOtherRuntimeUnit(p.value()) ? hit.withSeverity(Severity.NOTE) : hit);
                }
            }
        }
    }

    private static void checkTailParser(FluentdConfig.Directive source, String paths, List<PlaceHit> out) {
        source.param("format").filter(f -> f.effective().equalsIgnoreCase("json")).ifPresent(f ->
                out.add(jsonHit(f, paths)));
        for (FluentdConfig.Directive parse : source.children("parse")) {
            String type = parse.type();
            if (type.equals("json")) {
                out.add(jsonHit(parse.typeParam().orElseThrow(), paths));
            } else if (type.equals("multi_format")) {
                List<FluentdConfig.Param> json = new ArrayList<>();
                boolean cri = false;
                for (FluentdConfig.Directive pattern : parse.children("pattern")) {
                    Optional<FluentdConfig.Param> format = pattern.param("format");
                    if (format.isEmpty()) {
                        format = pattern.typeParam();
                    }
                    String f = format.map(FluentdConfig.Param::effective).orElse("");
                    if (f.equalsIgnoreCase("json")) {
                        json.add(format.orElseThrow());
                    } else if (isCriPattern(pattern, f)) {
                        cri = true;
                    }
                }
                if (!json.isEmpty() && !cri) {
                    out.add(PlaceHit.of(json.get(0).place(), "Fluentd tail source on " + paths.trim() + " tries only "
                            + "JSON patterns (Docker's json-file format) in its multi_format parser; containerd "
                            + "writes CRI lines: add a CRI pattern", CRI_REMEDIATION));
                }
            }
        }
    }

    private static boolean isCriPattern(FluentdConfig.Directive pattern, String format) {
        if (format.equalsIgnoreCase("cri")) {
            return true;
        }
        return pattern.params().stream().anyMatch(p -> p.value().contains("stdout|stderr")
                || p.value().contains("stderr|stdout"));
    }

    private static PlaceHit jsonHit(FluentdConfig.Param param, String paths) {
        String env = param.environmentOverride()
                .map(v -> " (the default of " + v + "; set " + v + " to a CRI parser such as 'cri')").orElse("");
        return PlaceHit.of(param.place(), "Fluentd tail source on " + paths.trim() + " parses Docker's JSON log format"
                + env + "; containerd writes CRI lines, which the json parser rejects: use the 'cri' parser "
                + "(fluent-plugin-parser-cri) or a CRI regexp", CRI_REMEDIATION);
    }
}
