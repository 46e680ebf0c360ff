package dev.shimscan.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top command: {@code shimscan}. It only holds the subcommands ({@link CommandFactory#SUBCOMMANDS}, added there)
 * and the options they all share.
 */
@Command(name = "shimscan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Finds everything in a Kubernetes estate that still depends on Docker Engine: docker.sock mounts, "
                    + "Docker data and config directories, the docker CLI in commands and scripts, and more, "
                    + "each with its file, line and column.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  shimscan manifests k8s/                    scan a repository; exit 1 on errors",
            "  helm template rel ./chart | shimscan manifests -",
            "  kubectl get deploy,ds -A -o yaml | shimscan manifests -",
            "  shimscan manifests k8s/ --format json -o report.json",
            "  shimscan manifests k8s/ -o sarif=results.sarif -o html=report.html",
            "  sudo shimscan host                         audit this node's files (daemon.json, units, cron)",
            "  shimscan report scan.json -o markdown=summary.md    re-render a saved report",
            "  shimscan plan --context prod               the migration runbook (prints, runs nothing)",
            "  shimscan rules                             list the rules",
            "  shimscan rules DS101                       explain one rule",
            "  shimscan config init                       write a commented .shimscan.yaml",
            "  shimscan baseline create -o .shimscan-baseline.json k8s/   accept today's findings",
            "  shimscan --plugins ./acme-rules manifests k8s/   add your own rules (docs/writing-rules.md)",
            "",
            "Run 'shimscan help COMMAND' for a command's options."})
final class ShimscanCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-v", "--debug"}, scope = ScopeType.INHERIT,
            description = "Print the stack trace of an internal error.")
    private boolean debug;

    @Option(names = "--plugins", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Load more rules from the jars in DIR (default: $SHIMSCAN_PLUGINS, directories separated "
                    + "by the path separator). Repeatable. See docs/writing-rules.md.")
    private List<Path> plugins = new ArrayList<>();

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: try 'shimscan manifests PATH' or 'shimscan rules'");
    }
}
