package dev.shimscan.cli;

import dev.shimscan.core.model.Severity;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where reports go and in which format, one scheme for every command:
 * <ul>
 *   <li>no {@code -o}: one report on stdout, in {@code --format} (default {@code console});</li>
 *   <li>{@code -o FILE}: a file in {@code --format}, or in the format its ending implies ({@code .json});</li>
 *   <li>{@code -o FORMAT=PATH}, repeatable: several formats in one run; {@code PATH} {@code -} is stdout;</li>
 *   <li>{@code -o FORMAT} ({@code -o console}, {@code -o json}): that format on stdout.</li>
 * </ul>
 * At most one report goes to stdout. A file whose directory does not exist is a usage error, found before
 * anything is scanned. The options of particular formats ({@code --sarif-root}, {@code --stdin-path},
 * {@code --sarif-category}, {@code --include-suppressed}, {@code --template}) are here too, so every command that
 * writes reports has them; their notices go to stderr.
 */
final class OutputOptions {
    private static final Pattern FORMAT_AND_PATH = Pattern.compile("([A-Za-z][A-Za-z0-9-]*)=(.*)", Pattern.DOTALL);

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--format", paramLabel = "FORMAT", completionCandidates = ReportFormats.Names.class,
            description = "Format of the report on stdout, or of a bare -o FILE: ${COMPLETION-CANDIDATES} "
                    + "(default: console, or what the file name implies).")
    private String format;

    @Option(names = {"-o", "--output"}, paramLabel = "[FORMAT=]PATH",
            description = {"Write the report to PATH instead of stdout. Repeatable, to write several formats in "
                    + "one run: -o json=report.json -o console. PATH - or a bare FORMAT (-o console) means stdout."})
    private List<String> outputs = new ArrayList<>();

    @Option(names = "--no-color", description = "No ANSI colours (also when NO_COLOR is set or stdout is not a terminal).")
    private boolean noColor;

    @Option(names = "--sarif-root", paramLabel = "DIR",
            description = "SARIF and GitLab paths are relative to this directory (default: the nearest directory "
                    + "upwards from the working directory that holds .git).")
    private Path sarifRoot;

    @Option(names = "--stdin-path", paramLabel = "NAME",
            description = "The repository file that stdin (-) stands for in SARIF and GitLab reports, e.g. "
                    + "deploy/rendered.yaml. Without it, findings read from stdin are left out of them (with a notice).")
    private String stdinPath;

    @Option(names = "--sarif-category", paramLabel = "NAME",
            description = "SARIF automationDetails.id category, to upload several shimscan analyses of one commit "
                    + "(default: none; the upload action's category input then applies).")
    private String sarifCategory;

    @Option(names = "--include-suppressed",
            description = "Also write suppressed findings to SARIF and GitLab reports (GitHub shows them as open alerts).")
    private boolean includeSuppressed;

    @Option(names = "--template", paramLabel = "FILE",
            description = "Render the html (FILE ending in .ftlh, HTML-escaped) or markdown (any other name) report "
                    + "with this FreeMarker template instead of the built-in one; see docs/ci.md.")
    private Path template;

    boolean noColor() {
        return noColor;
    }

    /** The reports to write, each with its renderer, or a usage error. */
    List<OutputTarget> targets(ReportFormats formats) {
        ReportFormats.Format explicit = format == null ? null : known(formats, format, "--format " + format);
        ReportFormats.Format stdoutFormat = explicit != null ? explicit : formats.byName("console").orElseThrow();
        List<FormatAndPath> chosen = new ArrayList<>();
        if (outputs.isEmpty()) {
            chosen.add(new FormatAndPath(stdoutFormat, null));
        }
        for (String value : outputs) {
            chosen.add(target(formats, explicit, stdoutFormat, value));
        }
        checkDestinations(chosen);
        FormatSettings settings = settings(chosen);
        return chosen.stream().map(c -> new OutputTarget(c.format(), c.file(), c.format().renderer(settings))).toList();
    }

    /** A format and its file (null: stdout), before its renderer is made. */
    private record FormatAndPath(ReportFormats.Format format, Path file) {
        boolean toStdout() {
            return file == null;
        }
    }

    private FormatSettings settings(List<FormatAndPath> chosen) {
        PrintWriter err = mixee.commandLine().getErr();
        FormatSettings defaults = FormatSettings.defaults(notice -> {
            err.println("shimscan: " + notice);
            err.flush();
        });
        Path root = defaults.repositoryRoot();
        if (sarifRoot != null) {
            if (!Files.isDirectory(sarifRoot)) {
                throw usage("--sarif-root " + sarifRoot + ": no such directory");
            }
            root = sarifRoot.toAbsolutePath().normalize();
        }
        if (template != null) {
            if (!Files.isRegularFile(template) || !Files.isReadable(template)) {
                throw usage("--template " + template + ": no such readable file");
            }
            if (chosen.stream().noneMatch(c -> ReportFormats.usesTemplate(c.format()))) {
                throw usage("--template is used by the html and markdown reports; add -o html=FILE or -o markdown=FILE");
            }
        }
        if (stdinPath != null && stdinPath.isBlank()) {
            throw usage("--stdin-path needs a file name, e.g. --stdin-path deploy/rendered.yaml");
        }
        return new FormatSettings(root, defaults.workingDirectory(), stdinPath, sarifCategory, includeSuppressed,
                template, failOn(), defaults.notices());
    }

    /** The command's {@code --fail-on} threshold (JUnit failures), when it has that option. */
    private Optional<Severity> failOn() {
        OptionSpec option = mixee.findOption("--fail-on");
        if (option == null || !(option.getValue() instanceof FailOnOption.FailOn value)) {
            return Optional.of(Severity.ERROR);
        }
        return value.threshold();
    }


    private FormatAndPath target(ReportFormats formats, ReportFormats.Format explicit, ReportFormats.Format stdoutFormat,
                                 String value) {
        Matcher m = FORMAT_AND_PATH.matcher(value);
        if (m.matches()) {
            ReportFormats.Format f = known(formats, m.group(1), "-o " + value);
            String path = m.group(2);
            if (path.isEmpty()) {
                throw usage("-o " + value + ": no path after '='; write -o " + m.group(1) + "=FILE, or -o "
                        + m.group(1) + "=- for stdout");
            }
            return new FormatAndPath(f, path.equals("-") ? null : path(value, path));
        }
        if (value.equals("-")) {
            return new FormatAndPath(stdoutFormat, null);
        }
        if (formats.byName(value).isPresent()) {
            return new FormatAndPath(formats.byName(value).get(), null);
        }
        ReportFormats.Format f = explicit != null ? explicit : formats.byFileName(value).orElseThrow(() -> usage(
                "-o " + value + ": cannot tell the report format from the file name; write -o FORMAT=" + value
                        + " or add --format FORMAT (formats: " + String.join(", ", formats.names()) + ")"));
        return new FormatAndPath(f, path(value, value));
    }

    private void checkDestinations(List<FormatAndPath> targets) {
        if (targets.stream().filter(FormatAndPath::toStdout).count() > 1) {
            throw usage("only one report can go to stdout; write the others to files with -o FORMAT=PATH");
        }
        Set<Path> seen = new HashSet<>();
        for (FormatAndPath t : targets) {
            if (t.toStdout()) {
                continue;
            }
            Path absolute = t.file().toAbsolutePath().normalize();
            if (!seen.add(absolute)) {
                throw usage("-o " + t.file() + " is given twice");
            }
            if (Files.isDirectory(absolute)) {
                throw usage("cannot write the " + t.format().name() + " report to " + t.file() + ": it is a directory");
            }
            Path dir = absolute.getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw usage("cannot write the " + t.format().name() + " report to " + t.file() + ": directory "
                        + dir + " does not exist");
            }
        }
    }

    private ReportFormats.Format known(ReportFormats formats, String name, String where) {
        return formats.byName(name).orElseThrow(() -> usage(where + ": unknown format '" + name + "' (formats: "
                + String.join(", ", formats.names()) + ")"));
    }

    private Path path(String value, String path) {
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw usage("-o " + value + ": not a valid path: " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(mixee.commandLine(), message);
    }
}
