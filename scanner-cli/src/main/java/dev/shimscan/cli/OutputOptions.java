package dev.shimscan.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
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
 * anything is scanned.
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

    boolean noColor() {
        return noColor;
    }

    /** The reports to write, or a usage error. */
    List<OutputTarget> targets(ReportFormats formats) {
        ReportFormats.Format explicit = format == null ? null : known(formats, format, "--format " + format);
        ReportFormats.Format stdoutFormat = explicit != null ? explicit : formats.byName("console").orElseThrow();
        if (outputs.isEmpty()) {
            return List.of(OutputTarget.stdout(stdoutFormat));
        }
        List<OutputTarget> targets = new ArrayList<>();
        for (String value : outputs) {
            targets.add(target(formats, explicit, stdoutFormat, value));
        }
        checkDestinations(targets);
        return List.copyOf(targets);
    }

    private OutputTarget target(ReportFormats formats, ReportFormats.Format explicit, ReportFormats.Format stdoutFormat,
                                String value) {
        Matcher m = FORMAT_AND_PATH.matcher(value);
        if (m.matches()) {
            ReportFormats.Format f = known(formats, m.group(1), "-o " + value);
            String path = m.group(2);
            if (path.isEmpty()) {
                throw usage("-o " + value + ": no path after '='; write -o " + m.group(1) + "=FILE, or -o "
                        + m.group(1) + "=- for stdout");
            }
            return path.equals("-") ? OutputTarget.stdout(f) : new OutputTarget(f, path(value, path));
        }
        if (value.equals("-")) {
            return OutputTarget.stdout(stdoutFormat);
        }
        if (formats.byName(value).isPresent()) {
            return OutputTarget.stdout(formats.byName(value).get());
        }
        ReportFormats.Format f = explicit != null ? explicit : formats.byFileName(value).orElseThrow(() -> usage(
                "-o " + value + ": cannot tell the report format from the file name; write -o FORMAT=" + value
                        + " or add --format FORMAT (formats: " + String.join(", ", formats.names()) + ")"));
        return new OutputTarget(f, path(value, value));
    }

    private void checkDestinations(List<OutputTarget> targets) {
        if (targets.stream().filter(OutputTarget::toStdout).count() > 1) {
            throw usage("only one report can go to stdout; write the others to files with -o FORMAT=PATH");
        }
        Set<Path> seen = new HashSet<>();
        for (OutputTarget t : targets) {
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
