package dev.shimscan.cli;

import dev.shimscan.core.report.ConsoleRenderer;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.source.cluster.AuditOptions;
import dev.shimscan.core.source.cluster.ClusterAudit;
import dev.shimscan.core.source.cluster.ClusterConfigException;
import dev.shimscan.core.source.cluster.ClusterScan;
import dev.shimscan.core.source.cluster.ClusterTarget;
import dev.shimscan.core.source.cluster.ClusterTargets;
import dev.shimscan.core.source.cluster.ClusterUnreachableException;
import dev.shimscan.core.source.cluster.ConnectionOptions;
import dev.shimscan.core.source.cluster.RetryPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code shimscan cluster}: audits live clusters through the Kubernetes API, read-only. client-java is loaded
 * only here, so the other commands start as fast as before.
 */
@Command(name = "cluster",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Audits a live cluster for dependencies on Docker Engine: which nodes still run Docker (dockershim "
                    + "below kubelet v1.24, cri-dockerd from v1.24) and which workloads need it, each reported once "
                    + "at its top-level owner (a Deployment, not its ReplicaSets and pods) with the number of pods "
                    + "that share it.",
            "",
            "Connects like kubectl: --kubeconfig, else KUBECONFIG (several files are merged), else ~/.kube/config, "
                    + "else the pod's service account. Only get and list: nodes, pods, Deployments, ReplicaSets, "
                    + "StatefulSets, DaemonSets, Jobs, CronJobs, ReplicationControllers, PodTemplates, ConfigMaps and "
                    + "known custom resources that carry pod specs or scripts. Never Secrets, never a write.",
            "",
            "A resource type that cannot be read is listed under Problems and in coverage.skipped with the reason, "
                    + "the rest of the audit completes, and the exit code is 3 unless findings make it 1: forbidden "
                    + "(403), not found (404: not served by this cluster), credentials rejected (401 on a list), "
                    + "HTTP 429 or 5xx after 6 tries (Retry-After honoured, at most 10s a wait and 60s in all), no "
                    + "response within --request-timeout (2 tries), a connection closed mid-response (6 tries), "
                    + "a malformed response (not JSON; not retried), a list whose continue token expired 4 times.",
            "",
            "A cluster that cannot be reached at all stops the run with exit code 2 and one line naming the "
                    + "context and its server: 'shimscan: cannot audit context NAME (server URL): connection "
                    + "refused', a TLS certificate the kubeconfig does not trust, 'credentials rejected (HTTP 401)' "
                    + "(an expired token or client certificate), or no response within --request-timeout. With "
                    + "several contexts, one that cannot be reached is a coverage.skipped entry and the others are "
                    + "audited.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  Audit the current context:",
            "    shimscan cluster",
            "  Two clusters, JSON report (each finding names its cluster):",
            "    shimscan cluster --context prod --context staging -o json=audit.json",
            "  Every context of the kubeconfig, only two namespaces:",
            "    shimscan cluster --all-contexts -n ci -n monitoring",
            "  Also read each kubelet's configuration (needs get on nodes/proxy):",
            "    shimscan cluster --kubelet-config",
            "  In a pod (see deploy/): the service account's token and CA are used:",
            "    shimscan cluster -o json"})
final class ClusterCommand implements Callable<Integer> {
    private final CliEnvironment env;
    private final BooleanSupplier stderrIsTerminal;

    @Spec
    private CommandSpec spec;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster).")
    private Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME",
            description = "A kubeconfig context to audit (default: the current one). Repeatable.")
    private List<String> contexts = new ArrayList<>();

    @Option(names = "--all-contexts", description = "Audit every context of the kubeconfig.")
    private boolean allContexts;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", split = ",",
            description = "Only these namespaces (default: all). Repeatable or comma-separated. Nodes and "
                    + "cluster-scoped objects are read anyway.")
    private List<String> namespaces = new ArrayList<>();

    @Option(names = "--no-configmaps", description = "Do not read ConfigMaps (scripts and agent configs in them "
            + "are then not checked).")
    private boolean noConfigMaps;

    @Option(names = "--no-custom-resources", description = "Do not read custom resources (Argo Workflows and "
            + "Rollouts, Tekton Tasks, PrometheusRules, ...).")
    private boolean noCustomResources;

    @Option(names = "--kubelet-config", description = "Read each kubelet's configuration through the API server "
            + "(GET /api/v1/nodes/NAME/proxy/configz, needs get on nodes/proxy) and check it (DS403).")
    private boolean kubeletConfig;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Timeout of one API request, from connecting to the last byte of the answer: 30s, 2m, "
                    + "500ms, a number of seconds, or 0 for none (default: ${DEFAULT-VALUE}).")
    private Duration requestTimeout;

    @Option(names = "--rule-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long one rule may run on one object (default: ${DEFAULT-VALUE}). A rule that overruns "
                    + "it (a bug, or a pathological object) costs only the list it was checking: that list is left out "
                    + "of the report and named in coverage.skipped, and the audit goes on.")
    private Duration ruleTimeout;

    @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "" + AuditOptions.DEFAULT_PAGE_SIZE,
            description = "Objects per list request (limit/continue paging, as kubectl's --chunk-size; "
                    + "default: ${DEFAULT-VALUE}).")
    private int chunkSize;

    @Option(names = "--max-requests", paramLabel = "N", defaultValue = "" + AuditOptions.DEFAULT_MAX_REQUESTS,
            description = "Requests in flight at most: up to N resource types are listed side by side, each "
                    + "fetching its next page while the current one is checked (default: ${DEFAULT-VALUE}; 1 reads "
                    + "one list at a time). The report is the same for any N.")
    private int maxRequests;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr (it is only shown on a terminal anyway).")
    private boolean quiet;

    @Mixin
    private OutputOptions output;

    @Mixin
    private FailOnOption failOn;

    @Mixin
    private PolicyOptions policyOptions;

    ClusterCommand(CliEnvironment env, BooleanSupplier stderrIsTerminal) {
        this.env = env;
        this.stderrIsTerminal = stderrIsTerminal;
    }

    @Override
    public Integer call() {
        ScanPolicy policy = policyOptions.load(List.of());
        List<OutputTarget> outputs = output.targets(ReportFormats.standard());
        if (chunkSize < 1) {
            throw new ParameterException(spec.commandLine(), "--chunk-size must be 1 or more, was " + chunkSize);
        }
        if (maxRequests < 1) {
            throw new ParameterException(spec.commandLine(), "--max-requests must be 1 or more, was " + maxRequests);
        }
        quietLogging();
        PrintWriter err = spec.commandLine().getErr();
        List<ClusterTarget> targets;
        try {
            targets = new ClusterTargets(env.variables(), home())
                    .resolve(new ConnectionOptions(kubeconfig, contexts, allContexts));
        } catch (ClusterConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        AuditOptions options = new AuditOptions(namespaces, !noConfigMaps, !noCustomResources, kubeletConfig,
                chunkSize, maxRequests, requestTimeout, RetryPolicy.DEFAULT);
        TerminalProgress progress = new TerminalProgress(err, !quiet && stderrIsTerminal.getAsBoolean());
        ClusterScan scan;
        try {
            if (ruleTimeout.isZero() || ruleTimeout.isNegative()) {
                throw new ParameterException(spec.commandLine(), "--rule-timeout must be more than 0");
            }
            scan = new ClusterAudit(policy.rules(), options, progress, env.clock(), env.sleeper())
                    .withRuleTimeout(ruleTimeout).run(targets);
        } catch (ClusterUnreachableException e) {
            printUnreachable(err, e);
            return ExitCode.USAGE.code();
        }
        Report report = policy.apply(scan.toReport(), LocalDate.now(env.clock()), err);
        List<String> summary = new ArrayList<>();
        report.clusters().forEach(c -> summary.add(c.verdict()));
        summary.add(ConsoleRenderer.summaryLine(report));
        return new ReportOutput(spec.commandLine().getOut(), err).writeAndExitCode(report, outputs,
                env.colorOnStdout(output.noColor()), failOn.threshold(), summary);
    }

    /** {@code shimscan: cannot audit context NAME (server URL): why}, one line per context. */
    static void printUnreachable(PrintWriter err, ClusterUnreachableException e) {
        e.contexts().forEach(line -> err.println("shimscan: cannot audit " + line));
        err.flush();
    }

    private Path home() {
        String home = env.variables().get("HOME");
        return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"));
    }

    /**
     * client-java logs through SLF4J, and the jar ships no SLF4J backend on purpose (nothing it logs may reach
     * the user, credentials included): choose the no-op provider explicitly so SLF4J does not warn about it.
     */
    private static void quietLogging() {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
    }

}
