package dev.shimscan.rules.support.shell;

import dev.shimscan.rules.support.shell.ShellMatch.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad and hostile input: the analysis never throws, never overflows the stack, and finishes. The {@code @Timeout}s
 * are generous hang guards (a hang becomes a failure instead of a stuck build), not performance assertions.
 */
@Timeout(120)
class ShellAnalysisRobustnessTest {
    private static final int MEGABYTE = 1 << 20;

    private static final String[] PIECES = {
        "docker", "dockerd", " ", " ", " ", "ps", "sh", "bash", "-c", "-ec", "'", "\"", "$(", ")", "(", "`", "\\",
        "\n", "\n", "<<", "<<-", "EOF", "'EOF'", "|", "||", "&&", ";", ";;", "&", "#", "{", "}", "case", "in", "esac",
        "if", "then", "fi", "for", "do", "done", "$'", "${", "$", "sudo", "env", "nsenter", "--", "chroot", "/host",
        "/etc/docker/daemon.json", ">", ">>", "<", "<<<", "2>&1", "tee", "-a", "cp", "sed", "-i", "systemctl",
        "restart", "service", "kill", "pkill", "$(pidof dockerd)", "x", "=", "FOO=", "\t", "\r", "[[", "]]", "((",
        "))", "<(", ">(", "eval", "watch", "find", "-exec", "\\;", "xargs", "timeout", "10", "function", "f()",
        "é", "\u0000", "\\\n", "\\'", "\\\"", "\\`", "$((", "*)", "=(", "cat", "echo", "/usr/bin/docker"
    };

    /** Fuzzing cases per run; the seed is fixed (CI) unless {@code -Dshimscan.fuzz.seed=N} overrides it. */
    static final int FUZZ_CASES = 10_000;

    static long seed(long fixed) {
        String override = System.getProperty("shimscan.fuzz.seed");
        return override == null || override.isBlank() ? fixed : Long.parseLong(override.strip());
    }

    @Test
    void tenThousandRandomScriptsNeverThrowAndReportOffsetsAtTheirCommandWord() {
        long seed = seed(20_240_611L);
        Random random = new Random(seed);
        int withMatches = 0;
        for (int n = 0; n < FUZZ_CASES; n++) {
            String script = randomScript(random, 1 + random.nextInt(60));
            List<ShellMatch> matches = ShellAnalysis.ofScript(script);
            assertValid(matches, List.of(script), "seed " + seed + ", case " + n + ": " + script);
            assertThat(ShellAnalysis.ofScript(script)).as("deterministic for %s", script).isEqualTo(matches);
            if (!matches.isEmpty()) {
                withMatches++;
            }
        }
        assertThat(withMatches).as("the generator exercises the matching paths").isGreaterThan(50);
    }

    @Test
    void tenThousandRandomCommandVectorsNeverThrowAndReportOffsetsAtTheirCommandWord() {
        long seed = seed(7L);
        Random random = new Random(seed);
        for (int n = 0; n < FUZZ_CASES; n++) {
            List<String> argv = new ArrayList<>();
            int elements = 1 + random.nextInt(5);
            for (int e = 0; e < elements; e++) {
                argv.add(random.nextInt(3) == 0 ? PIECES[random.nextInt(PIECES.length)]
                        : randomScript(random, 1 + random.nextInt(12)));
            }
            assertValid(ShellAnalysis.ofArgv(argv), argv, "seed " + seed + ", case " + n + ": " + argv);
        }
    }

    @Test
    void unbalancedQuotesAndSubstitutionsRunToTheEndOfTheInput() {
        assertThat(ShellAnalysis.ofScript("sh -c 'docker ps")).extracting(ShellMatch::offset).containsExactly(7);
        assertThat(ShellAnalysis.ofScript("echo \"$(docker ps")).extracting(ShellMatch::offset).containsExactly(8);
        assertThat(ShellAnalysis.ofScript("echo `docker ps")).extracting(ShellMatch::offset).containsExactly(6);
        assertThat(ShellAnalysis.ofScript("echo ${X:-$(docker ps")).extracting(ShellMatch::offset).containsExactly(12);
        assertThat(ShellAnalysis.ofScript("echo 'docker ps\ndocker images")).isEmpty();
        assertThat(ShellAnalysis.ofScript("))) docker ps")).extracting(ShellMatch::offset).containsExactly(4);
        // lenient: an unfinished case still reports what its first branch would run
        assertThat(ShellAnalysis.ofScript("case x in a) docker ps")).extracting(ShellMatch::offset).containsExactly(13);
    }

    @Test
    void unterminatedHeredocBodyRunsToTheEnd() {
        assertThat(ShellAnalysis.ofScript("cat <<EOF\ndocker ps\n")).isEmpty();
        assertThat(ShellAnalysis.ofScript("sh <<EOF\necho a\ndocker ps")).extracting(ShellMatch::line)
                .containsExactly(2);
        assertThat(ShellAnalysis.ofScript("cat <<EOF")).isEmpty();
        assertThat(ShellAnalysis.ofScript("sh <<")).isEmpty();
    }

    @Test
    void absurdNestingIsBoundedWithoutStackOverflow() {
        assertNoThrow(() -> "$(".repeat(200_000) + "docker ps" + ")".repeat(200_000));
        assertNoThrow(() -> "\"$(echo ".repeat(100_000) + "docker ps");
        assertNoThrow(() -> "${a:-".repeat(200_000) + "$(docker ps)" + "}".repeat(200_000));
        assertNoThrow(() -> "\"${a:-\"".repeat(100_000));
        assertNoThrow(() -> "<(".repeat(200_000));
        assertNoThrow(() -> "`\\`".repeat(100_000));
        assertNoThrow(() -> "eval ".repeat(100_000) + "docker ps");
        assertNoThrow(() -> "sh -c ".repeat(100_000) + "docker ps");
        assertNoThrow(() -> "cat|".repeat(200_000) + "sh");
        assertNoThrow(() -> "case x in ".repeat(100_000) + "docker ps");
        assertNoThrow(() -> "if ".repeat(200_000) + "docker ps");
        assertNoThrow(() -> "<<EOF ".repeat(100_000) + "\n" + "docker ps\n".repeat(1000));
    }

    @Test
    void flatNestingStillFindsTheCommand() {
        String subshells = "( ".repeat(100_000) + "docker ps" + ")".repeat(100_000);   // "((" would be arithmetic
        assertThat(ShellAnalysis.ofScript(subshells)).extracting(ShellMatch::offset).containsExactly(200_000);
        String groups = "{ ".repeat(50_000) + "docker ps" + "; }".repeat(50_000);
        assertThat(ShellAnalysis.ofScript(groups)).extracting(ShellMatch::offset).containsExactly(100_000);
        String conditions = "if true; then ".repeat(20_000) + "docker ps" + "; fi".repeat(20_000);
        assertThat(ShellAnalysis.ofScript(conditions)).hasSize(1);
    }

    @Test
    void nestedShellStringsAreFollowedToAFixedDepth() {
        String script = "docker ps";
        for (int level = 0; level < 8; level++) {
            script = "sh -c " + singleQuoted(script);
        }
        List<ShellMatch> matches = ShellAnalysis.ofScript(script);
        assertThat(matches).extracting(ShellMatch::kind, ShellMatch::offset)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.DOCKER_CLI, script.indexOf("docker ps")));

        String tooDeep = "eval ".repeat(Analysis.MAX_TEXT_DEPTH + 5) + "docker ps";
        assertThat(ShellAnalysis.ofScript(tooDeep)).isEmpty();
        String deepEnough = "eval ".repeat(Analysis.MAX_TEXT_DEPTH) + "docker ps";
        assertThat(ShellAnalysis.ofScript(deepEnough)).hasSize(1);
    }

    @Test
    void megabyteInputsFinish() {
        String manyCommands = "docker ps\n".repeat(MEGABYTE / 10);
        List<ShellMatch> matches = ShellAnalysis.ofScript(manyCommands);
        assertThat(matches).hasSize(MEGABYTE / 10);
        assertThat(matches.get(matches.size() - 1).line()).isEqualTo(MEGABYTE / 10 - 1);

        String quoted = "echo '" + "docker ps; ".repeat(MEGABYTE / 11) + "'";
        assertThat(ShellAnalysis.ofScript(quoted)).isEmpty();

        String heredoc = "sh <<EOF\n" + "echo hello\n".repeat(MEGABYTE / 11) + "docker ps\nEOF\n";
        assertThat(ShellAnalysis.ofScript(heredoc)).extracting(ShellMatch::line).containsExactly(MEGABYTE / 11 + 1);

        String shc = "sh -c \"" + "echo \\\"x\\\"; ".repeat(MEGABYTE / 14) + "docker ps\"";
        assertThat(ShellAnalysis.ofScript(shc)).hasSize(1);

        String oneLongWord = "x".repeat(MEGABYTE);
        assertThat(ShellAnalysis.ofScript(oneLongWord)).isEmpty();
        assertThat(ShellAnalysis.ofArgv(List.of("sh", "-c", oneLongWord + " docker"))).isEmpty();

        for (String unit : List.of("\"", "'", "\\", "`", "$(", "${", "(", ")", "<<E\n", "# \n", "a|", "a=(", "$'\\")) {
            assertNoThrow(() -> unit.repeat(MEGABYTE / unit.length()));
        }
        Random random = new Random(99L);
        StringBuilder big = new StringBuilder();
        while (big.length() < MEGABYTE) {
            big.append(PIECES[random.nextInt(PIECES.length)]);
        }
        assertNoThrow(big::toString);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static String randomScript(Random random, int pieces) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            if (random.nextInt(10) == 0) {
                sb.append((char) random.nextInt(128));
            } else {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
        }
        return sb.toString();
    }

    /**
     * {@code text} from {@code offset} on without the characters of shell quoting (quotes, backslashes,
     * backslash-newlines, {@code $}), at most {@code max} chars, up to the first {@code $'..'} (whose escapes
     * this does not decode): the command word, likewise stripped, must start it, so
     * {@code d"ock"er}, {@code \\docker} and an argv element's literal backslash all compare equal.
     */
    private static String withoutQuoting(String text, int offset, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = offset; i < text.length() && sb.length() < max; i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                break;
            } else if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            } else if (c != '\'' && c != '"' && c != '\\' && c != '$') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String singleQuoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static void assertNoThrow(Supplier<String> input) {
        String script = input.get();
        assertValid(ShellAnalysis.ofScript(script), List.of(script), "generated input of " + script.length());
        assertValid(ShellAnalysis.ofArgv(List.of("sh", "-c", script)), List.of("sh", "-c", script), "argv");
    }

    private static void assertValid(List<ShellMatch> matches, List<String> originals, String input) {
        java.util.Map<Integer, java.util.TreeMap<Integer, Integer>> lineStarts = new java.util.HashMap<>();
        for (ShellMatch m : matches) {
            assertThat(m.element()).as("element in %s", input).isLessThan(Math.max(originals.size(), 1));
            String original = m.element() < 0 ? originals.get(0) : originals.get(m.element());
            assertThat(m.offset()).as("offset in %s", input).isBetween(0, original.length() - 1);
            java.util.TreeMap<Integer, Integer> starts = lineStarts.computeIfAbsent(m.element(), e -> {
                java.util.TreeMap<Integer, Integer> t = new java.util.TreeMap<>();
                t.put(0, 0);
                for (int i = 0, line = 1; i < original.length(); i++) {
                    if (original.charAt(i) == '\n') {
                        t.put(i + 1, line++);
                    }
                }
                return t;
            });
            java.util.Map.Entry<Integer, Integer> line = starts.floorEntry(m.offset());
            assertThat(m.line()).as("line in %s", input).isEqualTo(line.getValue());
            assertThat(m.column()).as("column in %s", input).isEqualTo(m.offset() - line.getKey());
            assertThat(m.commandWord()).isNotNull();
            String word = withoutQuoting(m.commandWord(), 0, Integer.MAX_VALUE);
            int at = m.offset();
            if (word.startsWith(">") || word.startsWith("<")) {   // a bare redirection starts at its fd: 2>&1
                while (at < original.length() && Character.isDigit(original.charAt(at))) {
                    at++;
                }
            }
            // the word starts with the text at the offset, which is all of it unless $'..' (ANSI-C escapes) intervenes
            assertThat(word).as("text at %d in %s", m.offset(), input)
                    .startsWith(withoutQuoting(original, at, word.length()));
            assertThat(m.description()).isNotBlank();
            assertThat(m.detail()).isNotNull();
        }
    }
}
