package dev.shimscan.rules.hostscript;

import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.source.host.HostFileCategory;
import dev.shimscan.rules.support.CommandSites.Match;
import dev.shimscan.rules.support.HostFile;
import dev.shimscan.rules.support.host.HostCommands;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DS602: a systemd unit that depends on Docker Engine: a {@code Requires=}, {@code Requisite=} or {@code BindsTo=}
 * on {@code docker.service}/{@code docker.socket} (error: the unit fails to start without it), a {@code Wants=},
 * {@code After=} or {@code PartOf=} on them (warning: the unit still starts, but it was written for Docker), or an
 * {@code Exec*=} command that runs a container through Docker ({@code docker run}, {@code docker start},
 * {@code docker compose up}: node agents shipped as Docker containers; error). Docker's own units are not read.
 */
public final class SystemdUnitDockerDependencyRule implements Rule {
    public static final RuleMeta META = new RuleMeta("DS602", "systemd-unit-docker-dependency", Severity.ERROR,
            Set.of(SourceKind.HOST),
            "A systemd unit with Requires=/After=/BindsTo=/Wants=docker.service or an ExecStart that runs "
                    + "docker run (node agents shipped as Docker containers).",
            "Run the agent as a Kubernetes DaemonSet, or as a native service (the vendor's package or binary); if it "
                    + "must stay a container outside Kubernetes, start it with nerdctl or ctr against containerd and "
                    + "depend on containerd.service instead of docker.service.");

    private static final Pattern DEPENDENCY = Pattern.compile(
            "(?m)^[ \\t]*(Requires|Requisite|BindsTo|Wants|After|PartOf)[ \\t]*=([^\\n]*)");
    private static final Pattern DOCKER_UNIT = Pattern.compile("(?<![\\w.@-])(docker\\.(?:service|socket))(?![\\w.@-])");
    private static final Set<String> HARD = Set.of("Requires", "Requisite", "BindsTo");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        Optional<HostFile> file = HostFile.of(resource);
        if (file.isEmpty() || file.get().category() != HostFileCategory.SYSTEMD_UNIT
                || HostCommands.isDockersOwnUnit(file.get())) {
            return;
        }
        HostFile f = file.get();
        String unit = unitName(f);
        dependencies(f, unit, ctx);
        List<Match> runs = HostCommands.owned(resource, HostCommands.Owner.UNIT_CONTAINER);
        for (Match m : runs) {
            ctx.report(m.hit(m.site().runs(m.shell().description()) + ": " + unit + " runs its workload as a Docker "
                    + "container, which cannot start once Docker Engine leaves the node"));
        }
    }

    private static void dependencies(HostFile f, String unit, RuleContext ctx) {
        String text = f.text();
        if (!text.contains("docker.s")) {
            return;
        }
        Matcher line = DEPENDENCY.matcher(text);
        while (line.find()) {
            Matcher dep = DOCKER_UNIT.matcher(text).region(line.start(2), line.end(2));
            if (!dep.find()) {
                continue;
            }
            String directive = line.group(1);
            String target = dep.group(1);
            int at = line.start(1);
            String evidence = text.substring(at, line.end(2)).strip();
            if (HARD.contains(directive)) {
                ctx.report(f.hit(unit + " has " + directive + "=" + target + ": systemd will not start it on a node "
                        + "without Docker Engine", evidence, at));
            } else {
                ctx.report(f.hit(unit + " has " + directive + "=" + target + ": it was written to run alongside "
                        + "Docker Engine; it still starts without it, but check what it expects from Docker", evidence, at)
                        .withSeverity(Severity.WARNING)
                        .withRemediation("Drop " + target + " from " + directive + "= (use containerd.service if the "
                                + "unit needs the container runtime) and check that the service works without "
                                + "Docker Engine."));
            }
        }
    }

    /** {@code unit 'agent.service'}, or {@code drop-in 10-x.conf of 'kubelet.service'}. */
    private static String unitName(HostFile f) {
        String[] parts = f.path().split("/");
        String name = parts[parts.length - 1];
        if (parts.length >= 2 && parts[parts.length - 2].toLowerCase(Locale.ROOT).endsWith(".d")) {
            String dir = parts[parts.length - 2];
            return "drop-in " + name + " of unit '" + dir.substring(0, dir.length() - 2) + "'";
        }
        return "unit '" + name + "'";
    }
}
