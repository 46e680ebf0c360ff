package dev.shimscan.cli;

import static dev.shimscan.cli.Cli.shimscan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.report.ToolVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpAndVersionTest {

    @Test
    void versionPrintsTheBuildVersion() {
        Cli.Run run = shimscan("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("shimscan " + ToolVersion.version() + "\n");
        assertThat(ToolVersion.version()).isNotEqualTo("unknown").doesNotContain("${");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "manifests --help"})
    void helpTeachesTheExitCodesAndTheUsualInvocations(String args) {
        Cli.Run run = shimscan(args.split(" "));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Exit codes:")
                .contains("0   clean: nothing at or above --fail-on")
                .contains("1   findings at or above --fail-on (default: error)")
                .contains("2   usage error")
                .contains("3   scan incomplete")
                .contains("4   internal error")
                .contains("helm template")
                .contains("kubectl get deploy,ds -A -o yaml | shimscan manifests -")
                .contains("--format json -o report.json");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void manifestsHelpDescribesEveryOption() {
        String help = shimscan("manifests", "--help").out();

        assertThat(help).contains("PATH...", "--format", "-o, --output", "--fail-on", "error, warning, note, never",
                "--threads", "--no-color", "--debug", "console, json");
    }

    @Test
    void rulesHelpHasItsOwnExitCodesAndExamples() {
        Cli.Run run = shimscan("rules", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exit codes:", "2   unknown rule id or bad option", "shimscan rules DS101");
    }

    @Test
    void helpSubcommandShowsACommandsHelp() {
        Cli.Run run = shimscan("help", "manifests");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: shimscan manifests");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Run run = shimscan();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("missing command").contains("shimscan --help");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        Cli.Run run = shimscan("manifest", "k8s/");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("manifest").contains("manifests");
    }
}
