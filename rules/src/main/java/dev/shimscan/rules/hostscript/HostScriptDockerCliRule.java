package dev.shimscan.rules.hostscript;

import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.rules.command.Remediations;
import dev.shimscan.rules.support.host.HostCommands;
import dev.shimscan.rules.support.CommandSites.Match;
import java.util.Set;

/**
 * DS601: a script on the node runs the Docker CLI: cron jobs, {@code rc.local}, cloud-init user data, login shell
 * files and their aliases, shell scripts in {@code /usr/local/bin}, {@code /usr/local/sbin}, {@code /opt} and the
 * {@code cron.*} directories, and {@code Exec*=} lines of systemd units that do not start a container (those are
 * DS602's). One finding per line; a line that also controls the daemon or writes {@code /etc/docker} is DS202's or
 * DS203's ({@link HostCommands}).
 */
public final class HostScriptDockerCliRule implements Rule {
    public static final RuleMeta META = new RuleMeta("DS601", "host-script-docker-cli", Severity.WARNING,
            Set.of(SourceKind.HOST),
            "A script on the node (cron, systemd units, /etc/rc.local, cloud-init, /usr/local/bin, /opt, profile "
                    + "scripts) runs the docker CLI.",
            "Rewrite the script for containerd: crictl (ps, inspect, logs, exec, images, pull, rmi) against "
                    + "unix:///run/containerd/containerd.sock, or kubectl; nerdctl --namespace k8s.io where a "
                    + "docker-compatible CLI is needed.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        for (Match m : HostCommands.owned(resource, HostCommands.Owner.CLI)) {
            ctx.report(m.hit(m.site().runs(m.shell().description()) + ": the Docker CLI needs Docker Engine on the "
                    + "node, which is gone after the switch to containerd").withRemediation(Remediations.of(m.shell())));
        }
    }
}
