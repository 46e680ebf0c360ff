package dev.shimscan.cli;

import dev.shimscan.core.policy.Baseline;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.report.ReportReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shimscan baseline create -o FILE PATH...}: records today's findings, so that CI fails only on new ones. */
@Command(name = "baseline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = BaselineCommand.Create.class,
        description = {"Baselines: the findings a team accepts for now. A scan with --baseline FILE marks every "
                + "finding new or existing, lists the baseline's findings that are gone as fixed, and fails only on "
                + "new ones. Findings are recognised by their fingerprint (rule, object, path in the object, "
                + "evidence), which line moves and reformatting do not change.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  shimscan baseline create -o .shimscan-baseline.json k8s/",
            "  shimscan manifests k8s/ --baseline .shimscan-baseline.json",
            "  A live cluster: keep a JSON report as the baseline, or slim one down:",
            "    shimscan cluster -o json=audit.json",
            "    shimscan baseline create -o cluster-baseline.json --from audit.json"})
final class BaselineCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: 'shimscan baseline create -o FILE PATH...'");
    }

    /** {@code shimscan baseline create}. */
    @Command(name = "create",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            sortOptions = false,
            description = {"Scans manifests as 'shimscan manifests' does (with the same configuration file, rule "
                    + "filters and suppressions) and writes the findings that are not suppressed to a baseline file: "
                    + "per finding its fingerprint, rule, severity, message, object, file, line and path (see "
                    + "docs/config.md). With --from, the baseline is made from a saved JSON report instead (a live "
                    + "cluster or a node audit).", ""})
    static final class Create implements Callable<Integer> {
        private final CliEnvironment env;

        @Spec
        private CommandSpec spec;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
                description = "The baseline file to write, e.g. .shimscan-baseline.json.")
        private Path output;

        @Option(names = "--from", paramLabel = "REPORT", description = "Make the baseline from this JSON report.")
        private Path from;

        @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files or directories to scan, or -.")
        private List<String> targets = new ArrayList<>();

        @Mixin
        private ScanOptions scan;

        @Mixin
        private PolicyOptions policyOptions;

        Create(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            if (policyOptions.baselineGiven()) {
                throw usage("baseline create writes a baseline; it does not compare with one (drop --baseline)");
            }
            if ((from == null) == targets.isEmpty()) {
                throw usage(from == null ? "missing PATH: the manifests to record (or --from REPORT)"
                        : "give either PATH... or --from REPORT, not both");
            }
            Path dir = output.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw usage("cannot write the baseline to " + output + ": directory " + dir + " does not exist");
            }
            Report report = from != null ? read(from) : ManifestsCommand.scanManifests(spec, env,
                    policyOptions.loadWithoutBaseline(targets), targets, scan);
            Baseline baseline = Baseline.of(output.toString(), report);
            PrintWriter err = spec.commandLine().getErr();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output))) {
                baseline.write(out, report.scan().startedAt());
            } catch (IOException e) {
                err.println("shimscan: cannot write the baseline to " + output + ": " + e.getMessage());
                err.flush();
                return ExitCode.INTERNAL.code();
            }
            int suppressed = report.summary().suppressed();
            err.println("shimscan: wrote the baseline of " + baseline.findings().size() + " finding"
                    + (baseline.findings().size() == 1 ? "" : "s") + " to " + output
                    + (suppressed == 0 ? "" : " (" + suppressed + " suppressed finding" + (suppressed == 1 ? " is" : "s are")
                    + " not part of it)"));
            err.flush();
            return report.incomplete() ? ExitCode.INCOMPLETE.code() : ExitCode.CLEAN.code();
        }

        private Report read(Path report) {
            try {
                String text = Files.readString(report, StandardCharsets.UTF_8);
                List<Report> reports = ReportReader.read(report.toString(), text).reports();
                return reports.size() == 1 ? reports.get(0) : dev.shimscan.core.report.ReportMerger.merge(reports);
            } catch (NoSuchFileException e) {
                throw usage("--from " + report + ": no such file");
            } catch (IOException e) {
                throw usage("--from " + report + ": cannot read: " + e.getMessage());
            } catch (ReportReader.BadReportException e) {
                throw usage(e.getMessage());
            }
        }

        private ParameterException usage(String message) {
            return new ParameterException(spec.commandLine(), message);
        }
    }
}
