package dev.shimscan.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How a scan runs: {@code --threads}. */
final class ScanOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--threads", paramLabel = "N",
            description = "Files scanned in parallel (default: the number of processors).")
    private Integer threads;

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
