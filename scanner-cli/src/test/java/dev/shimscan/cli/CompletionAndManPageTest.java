package dev.shimscan.cli;

import static dev.shimscan.cli.Cli.shimscan;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The finishing touches built from the picocli model: completion scripts that know every command and option, the
 * committed man page {@code docs/man/shimscan.1} kept equal to the commands, and help that shows the three uses.
 */
class CompletionAndManPageTest {
    private static final Path MAN = Cli.projectDir().resolve("docs/man/shimscan.1");
    private static final String REGENERATE = "mvn -B -q -pl scanner-cli -am test -Dtest=CompletionAndManPageTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dshimscan.updateDocs=true";

    private static CommandLine model() {
        return CommandFactory.create(new CliEnvironment(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), new ByteArrayInputStream(new byte[0]), Cli.FIXED, Map.of(), false));
    }

    /** Every command below the top one, as its words after {@code shimscan} ({@code report merge}). */
    private static List<List<String>> commands(CommandLine cmd, List<String> words, List<List<String>> out) {
        for (Map.Entry<String, CommandLine> e : cmd.getSubcommands().entrySet()) {
            if (e.getValue().getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            List<String> path = new ArrayList<>(words);
            path.add(e.getKey());
            out.add(path);
            commands(e.getValue(), path, out);
        }
        return out;
    }

    private static CommandLine at(List<String> words) {
        CommandLine cmd = model();
        for (String w : words) {
            cmd = cmd.getSubcommands().get(w);
        }
        return cmd;
    }

    @Test
    void bashCompletionKnowsEveryCommandAndOption() {
        Cli.Run run = shimscan("completion", "bash");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String script = run.out();
        assertThat(script).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_shimscan");
        List<List<String>> commands = commands(model(), List.of(), new ArrayList<>());
        assertThat(commands).extracting(c -> String.join(" ", c)).contains("manifests", "cluster", "host", "report",
                "report merge", "plan", "rules", "completion");
        for (List<String> c : commands) {
            assertThat(script).as("completion of '%s'", c).contains(c.get(c.size() - 1));
            for (OptionSpec o : at(c).getCommandSpec().options()) {
                for (String name : o.names()) {
                    assertThat(script).as("option %s of '%s'", name, c).contains(name);
                }
            }
        }
        assertThat(script).contains("--kubeconfig", "--context", "--all-contexts", "--output", "--fail-on");
    }

    @Test
    void zshCompletionIsTheBashScriptThroughBashcompinit() {
        Cli.Run zsh = shimscan("completion", "zsh");
        assertThat(zsh.exitCode()).isZero();
        assertThat(zsh.out()).startsWith("# shimscan completion for zsh")
                .contains("autoload -U +X bashcompinit && bashcompinit")
                .endsWith(shimscan("completion", "bash").out());
        Cli.Run fish = shimscan("completion", "fish");
        assertThat(fish.exitCode()).isEqualTo(2);
        assertThat(fish.err()).contains("bash, zsh");
    }

    @Test
    void theCommittedManPageIsTheOneTheCommandsDescribe() throws IOException {
        String page = ManPage.of(model());
        if (Boolean.getBoolean("shimscan.updateDocs")) {
            Files.createDirectories(MAN.getParent());
            Files.writeString(MAN, page, StandardCharsets.UTF_8);
        }
        assertThat(page).startsWith(".TH SHIMSCAN 1 ").contains(".SH SYNOPSIS", ".SH OPTIONS", ".SH EXAMPLES",
                ".SH EXIT STATUS", ".SS \"shimscan plan\"", ".SS \"shimscan cluster\"", ".SS \"shimscan completion\"",
                "\\fB\\-\\-kubeconfig\\fR \\fIFILE\\fR");
        assertThat(page.lines()).as("no text line starts with a troff control character")
                .filteredOn(l -> !l.startsWith(".") && !l.startsWith("\\")).noneMatch(l -> l.startsWith("'"));
        assertThat(MAN).as("man page; create it with: " + REGENERATE).exists();
        assertThat(page).as("docs/man/shimscan.1 differs from the commands; regenerate with: " + REGENERATE)
                .isEqualTo(Files.readString(MAN, StandardCharsets.UTF_8));
    }

    @Test
    void everyCommandsHelpShowsTheThreeUses() {
        List<List<String>> commands = commands(model(), List.of(), new ArrayList<>());
        commands.add(List.of());
        for (List<String> c : commands) {
            List<String> args = new ArrayList<>(c);
            args.add("--help");
            Cli.Run run = shimscan(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).as("help of '%s'", c).contains(
                    "The three usual uses:",
                    "  Cluster audit:            shimscan cluster --context prod -o json=audit.json\n"
                            + "    and its runbook:        shimscan plan audit.json\n",
                    "  CI manifest scan:         shimscan manifests k8s/ --fail-on error\n",
                    "  SARIF for pull requests:  shimscan manifests k8s/ -o sarif=results.sarif\n");
        }
    }

    @Test
    void rulesShowsOneRulesPage() {
        Cli.Run run = shimscan("rules", "DS101");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("DS101  ").contains("severity     error", "remediation  ");
    }
}
