package dev.shimscan.cli;

import dev.shimscan.core.report.ConsoleRenderer;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.source.host.HostFileReader;
import dev.shimscan.core.source.host.HostScan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code shimscan host [--root DIR] [--node-name NAME]}: audits a node's filesystem, read-only. */
@Command(name = "host",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Audits a node's filesystem for what depends on Docker Engine and no Kubernetes API shows: "
                    + "/etc/docker/daemon.json (registry mirrors, cgroup driver, runtimes, log rotation, each with its "
                    + "containerd or kubelet equivalent), kubelet flags and config, systemd units, cron jobs, "
                    + "rc.local, cloud-init user data, login shell files and aliases, shell scripts in "
                    + "/usr/local/bin, /usr/local/sbin and /opt, and log agents' configs.",
            "",
            "Read-only: nothing is written or executed, no symlink leads out of --root (absolute links are resolved "
                    + "inside it, as the node would see them), binaries are recognised from their first kilobyte and "
                    + "skipped, text files over 1 MiB are not read. What was not read is listed in the report "
                    + "(coverage.notChecked); files that could not be read are problems (exit code 3). Findings "
                    + "name the file relative to --root, its line, and the node.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  Audit this node (root can read every file):",
            "    sudo shimscan host",
            "  Audit a mounted node image or a node's root mounted elsewhere:",
            "    shimscan host --root /mnt/node-image --node-name worker-7 -o json=worker-7.json",
            "  Audit every node of a cluster with the DaemonSet, then merge the reports:",
            "    kubectl apply -f deploy/node-audit-daemonset.yaml",
            "    kubectl logs -n shimscan -l app=shimscan-node-audit --tail=-1 \\",
            "      | shimscan report merge - -o html=nodes.html -o json=nodes.json",
            "  (inside the DaemonSet each pod runs: shimscan host --root /host -o json)"})
final class HostCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    private CommandSpec spec;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = "/",
            description = "The node's root directory (default: ${DEFAULT-VALUE}); e.g. /host in a pod with the "
                    + "node's directories mounted there.")
    private String root;

    @Option(names = "--rule-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "How long one rule may run on one file (default: ${DEFAULT-VALUE}); a rule that overruns it "
                    + "costs only that file's findings (a rule-error entry in coverage.errors), the scan goes on.")
    private Duration ruleTimeout;

    @Option(names = "--node-name", paramLabel = "NAME",
            description = "The node's name, on every finding (default: $NODE_NAME, else the root's etc/hostname).")
    private String nodeName;

    @Mixin
    private OutputOptions output;

    @Mixin
    private FailOnOption failOn;

    @Mixin
    private PolicyOptions policyOptions;

    HostCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        ScanPolicy policy = policyOptions.load(List.of()).forHostFiles();
        List<OutputTarget> outputs = output.targets(ReportFormats.standard());
        if (ruleTimeout.isZero() || ruleTimeout.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--rule-timeout must be more than 0");
        }
        HostScan scan = new HostScan(policy.rules(), HostFileReader.standard(),
                HostScan.DEFAULT_MAX_FILE_BYTES, env.clock()).withRuleTimeout(ruleTimeout);
        HostScan.Outcome outcome;
        try {
            outcome = scan.run(Path.of(root), root, node());
        } catch (HostScan.RootException e) {
            throw new ParameterException(spec.commandLine(), "cannot audit --root " + root + ": " + e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        Report report = policy.apply(outcome.report(), LocalDate.now(env.clock()), err);
        return new ReportOutput(spec.commandLine().getOut(), err).writeAndExitCode(report, outputs,
                env.colorOnStdout(output.noColor()), failOn.threshold(),
                List.of((outcome.node() == null ? "" : "node " + outcome.node() + ": ")
                        + ConsoleRenderer.summaryLine(report)));
    }

    /** --node-name, else $NODE_NAME (the DaemonSet sets it from spec.nodeName), else null: the root's etc/hostname. */
    private String node() {
        if (nodeName != null && !nodeName.isBlank()) {
            return nodeName;
        }
        String fromEnv = env.variables().get("NODE_NAME");
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
    }
}
