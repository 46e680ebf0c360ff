package dev.shimscan.cli;

import dev.shimscan.core.report.ConsoleRenderer;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.report.ReportMerger;
import dev.shimscan.core.report.ReportReader;
import java.io.IOException;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shimscan report REPORT}: re-renders a saved JSON report in any format; {@code shimscan report merge
 * REPORT...}: merges several into one. A report file, or {@code -} for stdin, may hold several JSON reports one
 * after the other ({@code kubectl logs} of several node audits); log lines between them are skipped with a notice.
 * The exit code is computed from the report as a scan's would be ({@code --fail-on}).
 */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        subcommands = ReportCommand.Merge.class,
        description = {
            "Re-renders a saved JSON report (shimscan ... -o json=FILE) in any format: HTML for people, SARIF for "
                    + "GitHub code scanning, Markdown for a pull request, GitLab Code Quality, JUnit XML. Reports of "
                    + "other schema versions are refused.",
            "",
            "SARIF and GitLab paths are made from the report's file names, which are relative to the directory the "
                    + "scan ran in: run 'report' from there too, or set --sarif-root.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  HTML and SARIF from a saved report:",
            "    shimscan report scan.json -o html=report.html -o sarif=results.sarif",
            "  Merge the reports of a fleet (each finding keeps its cluster):",
            "    shimscan report merge prod.json staging.json -o json=fleet.json -o html=fleet.html",
            "  Merge node audits straight from kubectl logs:",
            "    kubectl logs -n shimscan -l app=shimscan-node --tail=-1 | shimscan report merge - -o json=nodes.json"})
final class ReportCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "REPORT", description = "A JSON report file, or - for stdin.")
    private String input;

    @Mixin
    private OutputOptions output;

    @Mixin
    private FailOnOption failOn;

    ReportCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (input == null) {
            throw new ParameterException(spec.commandLine(), "missing REPORT: a JSON report file or - for stdin "
                    + "(or 'shimscan report merge REPORT...' to merge several)");
        }
        List<OutputTarget> outputs = output.targets(ReportFormats.standard());
        List<Report> reports = read(spec, env, List.of(input));
        if (reports.size() > 1) {
            throw new ParameterException(spec.commandLine(), input + " holds " + reports.size() + " reports; merge them "
                    + "into one with 'shimscan report merge " + input + "'");
        }
        return write(spec, env, output, failOn, outputs, reports.get(0));
    }

    /** {@code shimscan report merge REPORT...}. */
    @Command(name = "merge",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            sortOptions = false,
            description = {
                "Merges several JSON reports (the clusters of a fleet, CI shards, node audits) into one: counts are "
                        + "the sums, every finding keeps its cluster and file, nodes, cluster verdicts and coverage "
                        + "are concatenated, and the order is deterministic (the same inputs in any order give the "
                        + "same report). A mix of cluster and other reports is a cluster report.",
                ""},
            footerHeading = "%nExamples:%n",
            footer = {
                "  shimscan report merge prod.json staging.json -o json=fleet.json",
                "  cat shard-*.json | shimscan report merge - -o html=report.html -o sarif=results.sarif"})
    static final class Merge implements Callable<Integer> {
        private final CliEnvironment env;

        @Spec
        private CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "REPORT",
                description = "JSON report files, or - for stdin (read once; it may hold several reports).")
        private List<String> inputs;

        @Mixin
        private OutputOptions output;

        @Mixin
        private FailOnOption failOn;

        Merge(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            List<OutputTarget> outputs = output.targets(ReportFormats.standard());
            if (inputs.stream().filter("-"::equals).count() > 1) {
                throw new ParameterException(spec.commandLine(), "- (stdin) can be given only once");
            }
            Report merged = ReportMerger.merge(read(spec, env, inputs));
            return write(spec, env, output, failOn, outputs, merged);
        }
    }

    /** Every report of every input, in order; a missing or unreadable input is a usage error. */
    static List<Report> read(CommandSpec spec, CliEnvironment env, List<String> inputs) {
        PrintWriter err = spec.commandLine().getErr();
        List<Report> reports = new ArrayList<>();
        for (String in : inputs) {
            String name = in.equals("-") ? "stdin" : in;
            String text;
            try {
                text = in.equals("-") ? new String(env.stdin().readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(Path.of(in), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), "no such report: " + in);
            } catch (IOException | RuntimeException e) {
                throw new ParameterException(spec.commandLine(), "cannot read " + name + ": " + e.getMessage());
            }
            try {
                ReportReader.Documents docs = ReportReader.read(name, text);
                if (docs.skippedLines() > 0) {
                    err.println("shimscan: " + name + ": skipped " + docs.skippedLines() + " line"
                            + (docs.skippedLines() == 1 ? "" : "s") + " that are not JSON reports (first: '"
                            + shorten(docs.firstSkippedLine()) + "')");
                    err.flush();
                }
                reports.addAll(docs.reports());
            } catch (ReportReader.BadReportException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return reports;
    }

    private static int write(CommandSpec spec, CliEnvironment env, OutputOptions output, FailOnOption failOn,
                             List<OutputTarget> outputs, Report report) {
        return new ReportOutput(spec.commandLine().getOut(), spec.commandLine().getErr()).writeAndExitCode(report,
                outputs, env.colorOnStdout(output.noColor()), failOn.threshold(),
                List.of(ConsoleRenderer.summaryLine(report)));
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
