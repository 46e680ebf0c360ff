package dev.shimscan.cli;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How a manifest scan runs: {@code --threads}, {@code --parse-all}, {@code --rule-timeout}. */
final class ScanOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--threads", paramLabel = "N",
            description = "Files scanned in parallel (default: the number of processors).")
    private Integer threads;

    @Option(names = "--parse-all",
            description = {"Parse every file. By default a file whose text holds none of the enabled rules' keywords "
                    + "(docker, hostPath, cri-socket, the known agents' image names, ...) is read but not parsed, as "
                    + "no rule could fire on it: it is counted in the files scanned and as coverage.filesNotParsed, "
                    + "but its objects are not counted and its syntax is not checked. With --parse-all every file's "
                    + "syntax errors are reported and every object counted, at the cost of speed."})
    private boolean parseAll;

    @Option(names = "--rule-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = {"How long one rule may run on one object (default: ${DEFAULT-VALUE}): 30s, 2m, 500ms. A rule "
                    + "that overruns it (a bug, or a pathological input) costs only its file: the file becomes a "
                    + "rule-error entry in coverage.errors without findings, and the scan goes on."})
    private Duration ruleTimeout;

    Duration ruleTimeout() {
        if (ruleTimeout.isZero() || ruleTimeout.isNegative()) {
            throw new ParameterException(mixee.commandLine(), "--rule-timeout must be more than 0");
        }
        return ruleTimeout;
    }

    boolean parseAll() {
        return parseAll;
    }

    int threads() {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1) {
            throw new ParameterException(mixee.commandLine(), "--threads must be 1 or more, was " + threads);
        }
        return threads;
    }
}
