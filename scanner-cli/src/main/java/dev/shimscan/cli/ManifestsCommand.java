package dev.shimscan.cli;

import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.report.ConsoleRenderer;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.report.ReportBuilder;
import dev.shimscan.core.source.manifest.ContentLoader;
import dev.shimscan.core.source.manifest.ManifestScan;
import dev.shimscan.core.yaml.ParseLimits;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shimscan manifests PATH...|-}: scans YAML and JSON manifests from files, directories and stdin. */
@Command(name = "manifests",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Scans Kubernetes manifests for dependencies on Docker Engine and reports each with its file, line "
                    + "and column.",
            "",
            "PATH is a file, a directory (searched recursively for .yaml, .yml and .json, skipping .git, target "
                    + "and node_modules) or - for stdin. Multi-document YAML, JSON and List dumps "
                    + "(kubectl get ... -o yaml) are read; documents that are not Kubernetes objects (Helm values "
                    + "files, CI configs) are skipped. A file that cannot be read is reported under Problems and the "
                    + "scan goes on (exit code 3).",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  Scan a repository in CI; the job fails (exit 1) on error findings:",
            "    shimscan manifests k8s/ deploy/",
            "  Scan rendered Helm or Kustomize output:",
            "    helm template my-release ./chart | shimscan manifests -",
            "    kustomize build overlays/prod | shimscan manifests -",
            "  Scan what runs in a cluster right now:",
            "    kubectl get deploy,ds -A -o yaml | shimscan manifests -",
            "  Write a JSON report (the summary line goes to stderr):",
            "    shimscan manifests k8s/ --format json -o report.json",
            "  JSON file and console report in one run, fail on warnings too:",
            "    shimscan manifests k8s/ -o json=report.json -o console --fail-on warning",
            "  Fail only on findings that are not in the baseline:",
            "    shimscan baseline create -o .shimscan-baseline.json k8s/",
            "    shimscan manifests k8s/ --baseline .shimscan-baseline.json",
            "  Only the socket rules, errors only:",
            "    shimscan manifests k8s/ --rule 'DS10*' --min-severity error"})
final class ManifestsCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "Files or directories to scan, or - to read stdin.")
    private List<String> targets;

    @Mixin
    private OutputOptions output;

    @Mixin
    private FailOnOption failOn;

    @Mixin
    private ScanOptions scan;

    @Mixin
    private PolicyOptions policyOptions;

    ManifestsCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        ScanPolicy policy = policyOptions.load(targets);
        List<OutputTarget> outputs = output.targets(ReportFormats.standard());
        ReportOutput.prepareWhileScanning(outputs);
        Report report = scanManifests(spec, env, policy, targets, scan);
        return new ReportOutput(spec.commandLine().getOut(), spec.commandLine().getErr()).writeAndExitCode(report,
                outputs, env.colorOnStdout(output.noColor()), failOn.threshold(),
                List.of(ConsoleRenderer.summaryLine(report)));
    }

    /**
     * Scans {@code targets} with the policy's rules and files, and applies the policy (and its baseline) to the
     * report; a usage error when no target exists.
     */
    static Report scanManifests(CommandSpec spec, CliEnvironment env, ScanPolicy policy, List<String> targets,
                                ScanOptions options) {
        ManifestScan manifestScan = new ManifestScan(policy.rules(), ContentLoader.standard(env.stdin()),
                options.threads(), ParseLimits.DEFAULT, env.clock()).onlyInputs(policy.inputs())
                .withRuleTimeout(options.ruleTimeout());
        if (options.parseAll()) {
            manifestScan = manifestScan.parsingEveryFile();
        }
        ScanResult result = manifestScan.run(targets);
        if (nothingReadable(result, targets)) {
            throw new ParameterException(spec.commandLine(), "nothing to scan: no such file or directory: "
                    + String.join(", ", result.missingTargets()));
        }
        return policy.apply(ReportBuilder.build(result), LocalDate.now(env.clock()), spec.commandLine().getErr());
    }

    /** Every target named on the command line is missing: there is nothing to report on. */
    private static boolean nothingReadable(ScanResult result, List<String> targets) {
        return !result.missingTargets().isEmpty() && new HashSet<>(result.missingTargets()).containsAll(targets);
    }
}
