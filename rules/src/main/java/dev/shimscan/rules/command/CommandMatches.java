package dev.shimscan.rules.command;

import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.rules.support.CommandSites;
import dev.shimscan.rules.support.CommandSites.Match;
import dev.shimscan.rules.support.host.HostCommands;
import dev.shimscan.rules.support.shell.ShellMatch;
import java.util.List;

/** The shell matches of one kind in an object: a node file's own (host source), or its commands and scripts. */
final class CommandMatches {
    private CommandMatches() {
    }

    static List<Match> of(Resource resource, RuleContext ctx, HostCommands.Owner owner, ShellMatch.Kind kind) {
        if (HostCommands.isHostFile(resource)) {
            return HostCommands.owned(resource, owner);
        }
        return CommandSites.find(resource, ctx).stream().filter(m -> m.shell().kind() == kind).toList();
    }
}
