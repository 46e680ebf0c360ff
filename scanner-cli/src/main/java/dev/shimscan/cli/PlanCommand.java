package dev.shimscan.cli;

import dev.shimscan.cli.plan.MigrationPlan;
import dev.shimscan.cli.plan.RunbookMarkdown;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.rule.RuleRegistry;
import dev.shimscan.core.source.cluster.AuditOptions;
import dev.shimscan.core.source.cluster.ClusterAudit;
import dev.shimscan.core.source.cluster.ClusterConfigException;
import dev.shimscan.core.source.cluster.ClusterTarget;
import dev.shimscan.core.source.cluster.ClusterTargets;
import dev.shimscan.core.source.cluster.ClusterUnreachableException;
import dev.shimscan.core.source.cluster.ConnectionOptions;
import dev.shimscan.core.source.cluster.RetryPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shimscan plan}: the migration runbook (Markdown) from saved JSON reports or from a live audit run as
 * {@code shimscan cluster} runs it. It prints commands; it runs none.
 */
@Command(name = "plan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Writes the migration runbook from Docker Engine to containerd, in Markdown: first the workloads that "
                    + "must change before any node moves (each DS1xx, DS2xx and DS7xx finding with its fix), then "
                    + "the nodes grouped by runtime, kubelet version and OS image, each with the exact commands for "
                    + "its OS and its name filled in: drain, stop the kubelet and Docker, install containerd, "
                    + "/etc/containerd/config.toml (cgroup driver and registry mirrors from the node audit), the "
                    + "kubelet flag, the cri-socket annotation, restart, verify, remove Docker, uncordon.",
            "",
            "Reads saved JSON reports (cluster, manifest and node audits, merged), or audits a live cluster with "
                    + "the connection options of 'shimscan cluster' (get and list only). It only prints: nothing is "
                    + "run, nothing is changed. What it could not know (no node audit: mirrors unknown) it says.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  Cluster audit, then the runbook from the saved report and the node audits:",
            "    shimscan cluster --context prod -o json=prod.json",
            "    kubectl logs -n shimscan-nodes -l app=shimscan-node-audit --tail=-1 \\",
            "      --max-log-requests=1000 > nodes.json      (node audits, deploy/)",
            "    shimscan plan prod.json nodes.json --output runbook.md",
            "  Straight from a live cluster:",
            "    shimscan plan --context prod",
            "  CI manifest scan, then the workloads to fix first (no nodes in a manifest report):",
            "    shimscan manifests k8s/ -o json=scan.json && shimscan plan scan.json",
            "  SARIF for pull requests comes from 'shimscan manifests k8s/ -o sarif=results.sarif'; plan reads the "
                    + "JSON report of the same scan."})
final class PlanCommand implements Callable<Integer> {
    private final CliEnvironment env;
    private final BooleanSupplier stderrIsTerminal;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "REPORT",
            description = "Saved JSON reports (shimscan cluster, host, manifests; - for stdin). Without any, a live "
                    + "cluster is audited.")
    private List<String> reports = new ArrayList<>();

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster).")
    private Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME",
            description = "A kubeconfig context to audit (default: the current one). Repeatable.")
    private List<String> contexts = new ArrayList<>();

    @Option(names = "--all-contexts", description = "Audit every context of the kubeconfig.")
    private boolean allContexts;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", split = ",",
            description = "Only these namespaces (default: all). Nodes are read anyway.")
    private List<String> namespaces = new ArrayList<>();

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Timeout of one API request, from connecting to the last byte of the answer "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration requestTimeout;

    @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "" + AuditOptions.DEFAULT_PAGE_SIZE,
            description = "Objects per list request (default: ${DEFAULT-VALUE}).")
    private int chunkSize;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the runbook to FILE instead of stdout.")
    private Path outputFile;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "markdown or html (one self-contained page). Default: html when --output ends in .html, "
                    + "else markdown.")
    private String format;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    private boolean quiet;

    PlanCommand(CliEnvironment env, BooleanSupplier stderrIsTerminal) {
        this.env = env;
        this.stderrIsTerminal = stderrIsTerminal;
    }

    @Override
    public Integer call() {
        boolean live = kubeconfig != null || !contexts.isEmpty() || allContexts;
        if (live && !reports.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give saved REPORTs or cluster connection options "
                    + "(--kubeconfig, --context, --all-contexts), not both");
        }
        if (chunkSize < 1) {
            throw new ParameterException(spec.commandLine(), "--chunk-size must be 1 or more, was " + chunkSize);
        }
        PrintWriter err = spec.commandLine().getErr();
        List<String> sources = new ArrayList<>();
        List<Report> input;
        if (reports.isEmpty()) {
            Report report;
            try {
                report = audit(err, sources);
            } catch (ClusterUnreachableException e) {
                ClusterCommand.printUnreachable(err, e);
                return ExitCode.USAGE.code();
            }
            input = List.of(report);
        } else {
            input = ReportCommand.read(spec, env, reports);
            reports.forEach(r -> sources.add(r.equals("-") ? "stdin" : Path.of(r).getFileName().toString()));
        }
        String runbook = RunbookMarkdown.render(MigrationPlan.of(sources, input));
        String chosen = format != null ? format.strip().toLowerCase(java.util.Locale.ROOT)
                : outputFile != null && outputFile.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".html")
                ? "html" : "markdown";
        if (chosen.equals("html")) {
            runbook = dev.shimscan.reports.RunbookPage.html(runbook);
        } else if (!chosen.equals("markdown") && !chosen.equals("md")) {
            err.println("shimscan: plan writes markdown or html, not '" + format + "'");
            err.flush();
            return ExitCode.USAGE.code();
        }
        if (outputFile == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(runbook);
            out.flush();
        } else {
            try {
                Files.writeString(outputFile, runbook, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("shimscan: cannot write " + outputFile + ": " + e.getMessage());
                err.flush();
                return ExitCode.INTERNAL.code();
            }
            err.println("shimscan: wrote the runbook to " + outputFile);
            err.flush();
        }
        return ExitCode.CLEAN.code();
    }

    /** The live audit, as {@code shimscan cluster} runs it (get and list only). */
    private Report audit(PrintWriter err, List<String> sources) throws ClusterUnreachableException {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        List<ClusterTarget> targets;
        try {
            String home = env.variables().get("HOME");
            targets = new ClusterTargets(env.variables(), Path.of(home != null && !home.isEmpty() ? home
                    : System.getProperty("user.home"))).resolve(new ConnectionOptions(kubeconfig, contexts, allContexts));
        } catch (ClusterConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        AuditOptions options = new AuditOptions(namespaces, true, true, false, chunkSize, requestTimeout,
                RetryPolicy.DEFAULT);
        TerminalProgress progress = new TerminalProgress(err, !quiet && stderrIsTerminal.getAsBoolean());
        Report report = new ClusterAudit(RuleRegistry.load().rules(), options, progress, env.clock(), env.sleeper())
                .run(targets).toReport();
        report.clusters().forEach(c -> sources.add("live audit of context " + c.name()));
        if (sources.isEmpty()) {
            sources.add("a live audit");
        }
        return report;
    }
}
