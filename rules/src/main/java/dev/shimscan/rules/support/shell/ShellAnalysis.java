package dev.shimscan.rules.support.shell;

import java.util.List;

/**
 * Finds where a shell, or a command exec'd without one, would run something that depends on Docker Engine: the
 * {@code docker} CLI, control of the Docker daemon, writes under {@code /etc/docker}. Shared by DS201, DS202,
 * DS203, DS205 and DS601. Pure and thread-safe; never throws on any input, takes time linear in the input for
 * each level of {@code sh -c} nesting (nesting is bounded), and never recurses without bound.
 *
 * <p>What counts as running a command is what a POSIX shell (or bash) would run: command words after quote
 * removal and assignments, through wrappers ({@code sudo}, {@code env}, {@code exec}, {@code xargs},
 * {@code timeout}, {@code nice}, {@code nohup}, {@code time}, {@code command}, {@code nsenter}, {@code chroot},
 * {@code watch}, {@code setsid}, {@code stdbuf}, {@code ionice}, {@code doas}, {@code su -c},
 * {@code sg}, {@code runuser}, {@code busybox}, {@code find -exec}, {@code trap}), inside {@code $(...)}, backquotes, {@code <(...)},
 * subshells, groups, {@code if}/{@code while}/{@code for}/{@code case} bodies, and inside scripts handed to a
 * shell ({@code sh -c '...'}, {@code bash -ec}, {@code eval}, here-documents or {@code echo '...' |} piped into
 * {@code sh}). Words that are only data never match: arguments of other programs, quoted strings, comments,
 * here-document bodies read by {@code cat}, {@code command -v docker}, variable names, paths.
 *
 * <p>{@code docker-compose} is treated as {@link ShellMatch.Kind#DOCKER_CLI}: a separate binary, but one that
 * talks to the Docker daemon exactly like {@code docker compose}.
 */
public final class ShellAnalysis {

    private ShellAnalysis() {
    }

    /**
     * Analyses a script: a {@code sh -c} string, a ConfigMap script, a host script. Matches carry
     * {@code element == -1} and offsets and lines in {@code script}.
     */
    public static List<ShellMatch> ofScript(String script) {
        if (script == null || script.isEmpty()) {
            return List.of();
        }
        Analysis analysis = new Analysis();
        analysis.parseScript(SourceText.of(script, -1), 0);
        return analysis.matches(element -> script);
    }

    /**
     * Analyses a command vector exec'd without a shell: a container's {@code command} followed by its
     * {@code args} (concatenate them; a match's {@code element} indexes that concatenation), a lifecycle hook's
     * or an exec probe's {@code command}. A shell with {@code -c} as the first word (possibly behind wrappers)
     * gets its script analysed; offsets and lines are then inside that element.
     */
    public static List<ShellMatch> ofArgv(List<String> argv) {
        if (argv == null || argv.isEmpty()) {
            return List.of();
        }
        Analysis analysis = new Analysis();
        analysis.inspect(SimpleCommand.ofArgv(argv));
        return analysis.matches(element -> {
            String s = argv.get(element);
            return s == null ? "" : s;
        });
    }
}
