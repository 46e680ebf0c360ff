package dev.shimscan.rules.support.shell;

import dev.shimscan.rules.support.shell.ShellMatch.Kind;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Looks at one simple command: steps through wrappers whose argument is a command ({@code sudo}, {@code env},
 * {@code exec}, {@code xargs}, {@code timeout}, {@code nsenter}, {@code chroot}, ...), analyses scripts handed to
 * a shell ({@code sh -c '...'}, here-documents and pipes into {@code sh}, {@code eval}, {@code watch '...'},
 * {@code su -c}), and reports what the command that finally runs does to Docker.
 */
final class CommandInspector {
    private static final Pattern ETC_DOCKER = Pattern.compile("/etc/docker(?:/|$)");
    private static final Pattern NON_NAME = Pattern.compile("[^A-Za-z0-9_.-]+");
    private static final Pattern INIT_SCRIPT = Pattern.compile(".*/(?:init\\.d|rc\\.d)/docker");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "yash");
    private static final Set<String> DOCKER_UNITS = Set.of("docker", "docker.service", "docker.socket");
    private static final Set<String> DOCKER_MANAGEMENT_COMMANDS = Set.of("builder", "buildx", "checkpoint", "compose",
            "config", "container", "context", "image", "manifest", "network", "node", "plugin", "secret", "service",
            "stack", "swarm", "system", "trust", "volume");

    private static final Options SUDO = new Options("ugCDhprtTUR", "--user", "--group", "--close-from", "--chdir",
            "--host", "--prompt", "--role", "--type", "--command-timeout", "--other-user", "--chroot");
    private static final Options DOAS = new Options("uC");
    private static final Options EXEC = new Options("a");
    private static final Options TIME = new Options("fo", "--format", "--output");
    private static final Options NICE = new Options("n", "--adjustment");
    private static final Options TIMEOUT = new Options("sk", "--signal", "--kill-after");
    private static final Options XARGS = new Options("adEILnPs", "--arg-file", "--delimiter", "--max-args",
            "--max-procs", "--max-chars", "--process-slot-var");
    private static final Options STDBUF = new Options("ioe", "--input", "--output", "--error");
    private static final Options IONICE = new Options("cnpPu", "--class", "--classdata", "--pid", "--pgid", "--uid");
    private static final Options CHROOT = new Options("", "--userspec", "--groups");
    private static final Options NSENTER = new Options("tSGW", "--target", "--setuid", "--setgid", "--wdns");
    private static final Options WATCH = new Options("nq", "--interval", "--equexit");
    private static final Options RUNUSER = new Options("ugGswc", "--user", "--group", "--supp-group", "--shell",
            "--whitelist-environment", "--command");
    private static final Options DOCKER = new Options("Hcl", "--host", "--context", "--config", "--log-level",
            "--tlscacert", "--tlscert", "--tlskey");
    private static final Options COMPOSE = new Options("fpH", "--file", "--project-name", "--project-directory",
            "--env-file", "--profile", "--context", "--host", "--log-level", "--ansi", "--parallel", "--progress");
    private static final Options SYSTEMCTL = new Options("HMtpsno", "--host", "--machine", "--type", "--property",
            "--signal", "--state", "--lines", "--output", "--kill-whom", "--kill-value", "--root", "--image",
            "--job-mode", "--what", "--timestamp", "--preset-mode", "--message", "--reboot-argument");
    private static final Options COPY = new Options("tS", "--target-directory", "--suffix");
    private static final Options INSTALL = new Options("mogtS", "--mode", "--owner", "--group", "--target-directory",
            "--suffix", "--strip-program");
    private static final Options SED = new Options("efl", "--expression", "--file", "--line-length");
    private static final Options CURL = new Options("oAbcCdDeEFHKmrTuwxXyYzQ", "--output", "--data", "--header",
            "--request", "--user", "--url");
    private static final Options WGET = new Options("oaOPeiUtTwQ", "--output-document", "--directory-prefix",
            "--output-file", "--user-agent", "--tries", "--timeout", "--wait");

    private final Analysis analysis;

    CommandInspector(Analysis analysis) {
        this.analysis = analysis;
    }

    void inspect(SimpleCommand c) {
        Word command = inspectFrom(c.words, 0, c);
        checkRedirects(c, command);
    }

    /**
     * Steps over wrappers from word {@code i} to the command that runs, and inspects it; returns that command
     * word (null when there is none, or it cannot be known).
     */
    private Word inspectFrom(List<Word> w, int i, SimpleCommand c) {
        while (i < w.size()) {
            Word word = w.get(i);
            if (!word.literal()) {
                return null;
            }
            String name = baseName(word.value());
            int next;
            switch (name) {
                case "sudo" -> next = skipAssignments(w, SUDO.skip(w, i + 1));
                case "doas" -> next = DOAS.skip(w, i + 1);
                case "env" -> next = env(w, i + 1, c);
                case "exec" -> next = EXEC.skip(w, i + 1);
                case "command" -> next = command(w, i + 1);
                case "nohup", "setsid", "busybox" -> next = Options.NONE.skip(w, i + 1);
                case "time" -> next = TIME.skip(w, i + 1);
                case "nice" -> next = NICE.skip(w, i + 1);
                case "timeout" -> next = TIMEOUT.skip(w, i + 1) + 1;   // the duration
                case "xargs" -> next = XARGS.skip(w, i + 1);
                case "stdbuf" -> next = STDBUF.skip(w, i + 1);
                case "ionice" -> next = IONICE.skip(w, i + 1);
                case "chroot" -> {
                    next = CHROOT.skip(w, i + 1) + 1;   // the new root
                    if (next >= w.size()) {
                        stdinScript(c);   // no command: runs a shell reading stdin
                    }
                }
                case "nsenter" -> {
                    next = NSENTER.skip(w, i + 1);
                    if (next >= w.size()) {
                        stdinScript(c);
                    }
                }
                case "watch" -> next = watch(w, i + 1, c);
                case "eval" -> next = eval(w, i + 1, c);
                case "su", "runuser", "sg" -> next = su(w, i + 1, c, name.equals("runuser"));
                case "trap" -> next = trap(w, i + 1, c);
                case "find" -> next = find(w, i + 1, c);
                default -> {
                    if (SHELLS.contains(name)) {
                        shell(w, i + 1, c);
                    } else {
                        classify(name, w, i);
                    }
                    return word;
                }
            }
            if (next < 0) {
                return word;
            }
            i = next;
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------- wrappers

    private int env(List<Word> w, int i, SimpleCommand c) {
        while (i < w.size()) {
            Word word = w.get(i);
            String v = word.value();
            if (v.equals("--")) {
                i++;
                break;
            }
            if (v.equals("-S") || v.equals("--split-string")) {
                if (i + 1 < w.size()) {
                    analysis.parseScript(w.get(i + 1).asText(), c.textDepth + 1);
                }
                return -1;
            }
            if (v.startsWith("--split-string=")) {
                analysis.parseScript(word.suffixText("--split-string=".length()), c.textDepth + 1);
                return -1;
            }
            if (v.startsWith("-S")) {
                analysis.parseScript(word.suffixText(2), c.textDepth + 1);
                return -1;
            }
            if (v.equals("-u") || v.equals("-C") || v.equals("-P") || v.equals("--unset") || v.equals("--chdir")) {
                i += 2;
            } else if (v.startsWith("-") && !v.equals("-")) {
                i++;
            } else if (v.equals("-")) {
                i++;
            } else {
                break;
            }
        }
        return skipAssignments(w, i);
    }

    /** {@code command -v docker} only looks the name up. */
    private int command(List<Word> w, int i) {
        while (i < w.size() && Options.isOption(w.get(i).value())) {
            String v = w.get(i).value();
            if (v.equals("--")) {
                return i + 1;
            }
            if (v.indexOf('v') > 0 || v.indexOf('V') > 0) {
                return -1;
            }
            i++;
        }
        return i;
    }

    /** {@code watch docker ps} or {@code watch 'docker ps | wc -l'}: without {@code -x} watch runs {@code sh -c}. */
    private int watch(List<Word> w, int i, SimpleCommand c) {
        boolean exec = WATCH.hasFlag(w, i, 'x', "--exec");
        int next = WATCH.skip(w, i);
        if (!exec && next == w.size() - 1) {
            analysis.parseScript(w.get(next).asText(), c.textDepth + 1);
            return -1;
        }
        return next;
    }

    private int eval(List<Word> w, int i, SimpleCommand c) {
        List<Word> rest = w.subList(Math.min(i, w.size()), w.size());
        if (rest.isEmpty()) {
            return -1;
        }
        int element = rest.get(0).src().element();
        boolean oneString = rest.stream().allMatch(x -> x.src().element() == element);
        if (oneString) {
            analysis.parseScript(joined(rest), c.textDepth + 1);
        } else {
            for (Word x : rest) {
                analysis.parseScript(x.asText(), c.textDepth + 1);
            }
        }
        return -1;
    }

    /**
     * {@code su -c 'cmd' user}, {@code su - user -c 'cmd'}, {@code sg docker -c 'cmd'}, {@code sg docker 'cmd'},
     * {@code runuser -u user -- cmd}.
     */
    private int su(List<Word> w, int i, SimpleCommand c, boolean runuser) {
        for (int k = i; k < w.size(); k++) {
            Word word = w.get(k);
            String v = word.value();
            if (v.equals("--") && runuser) {
                break;
            }
            if (v.startsWith("--command=")) {
                analysis.parseScript(word.suffixText("--command=".length()), c.textDepth + 1);
                return -1;
            }
            boolean shortC = v.length() > 1 && v.charAt(0) == '-' && v.charAt(1) != '-' && v.endsWith("c");
            if ((shortC || v.equals("--command")) && k + 1 < w.size()) {
                analysis.parseScript(w.get(k + 1).asText(), c.textDepth + 1);
                return -1;
            }
        }
        if (runuser && RUNUSER.valueOf(w, i, 'u', "--user") != null) {
            return RUNUSER.skip(w, i);
        }
        boolean sg = baseName(w.get(i - 1).value()).equals("sg");
        if (sg && i + 1 < w.size() && !Options.isOption(w.get(i).value())) {
            analysis.parseScript(w.get(i + 1).asText(), c.textDepth + 1);   // sg group 'command'
        }
        return -1;
    }

    /** {@code trap 'docker rm -f "$id"' EXIT}: the handler is a script the shell runs later. */
    private int trap(List<Word> w, int i, SimpleCommand c) {
        int k = Options.NONE.skip(w, i);
        if (k < w.size() - 1 && !w.get(k).value().equals("-")) {
            analysis.parseScript(w.get(k).asText(), c.textDepth + 1);
        }
        return -1;
    }

    /** {@code find ... -exec docker rm {} \;}: each {@code -exec}/{@code -execdir}/{@code -ok} runs a command. */
    private int find(List<Word> w, int i, SimpleCommand c) {
        for (int k = i; k < w.size(); k++) {
            String v = w.get(k).value();
            if (v.equals("-exec") || v.equals("-execdir") || v.equals("-ok") || v.equals("-okdir")) {
                int start = k + 1;
                int stop = start;
                while (stop < w.size() && !w.get(stop).value().equals(";") && !w.get(stop).value().equals("+")) {
                    stop++;
                }
                inspectFrom(w.subList(start, stop), 0, c);
                k = stop;
            }
        }
        return -1;
    }

    /** {@code sh -c 'script'}, {@code bash -o pipefail -ec 'script'}, {@code sh -s}, {@code sh} (stdin), {@code sh file}. */
    private void shell(List<Word> w, int i, SimpleCommand c) {
        boolean script = false;
        boolean stdin = false;
        while (i < w.size()) {
            String v = w.get(i).value();
            if (v.equals("--") || v.equals("-")) {
                i++;
                break;
            }
            if (v.startsWith("--")) {
                i += v.equals("--rcfile") || v.equals("--init-file") ? 2 : 1;
                continue;
            }
            if (v.length() > 1 && (v.charAt(0) == '-' || v.charAt(0) == '+')) {
                String flags = v.substring(1);
                script |= flags.indexOf('c') >= 0;
                stdin |= flags.indexOf('s') >= 0;
                i += flags.indexOf('o') >= 0 || flags.indexOf('O') >= 0 ? 2 : 1;
                continue;
            }
            break;
        }
        if (script) {
            if (i < w.size()) {
                analysis.parseScript(w.get(i).asText(), c.textDepth + 1);
            }
        } else if (stdin || i >= w.size()) {
            stdinScript(c);
        }
    }

    /** A shell reading its script from stdin: a here-document, a here-string, or {@code echo '...' |}. */
    private void stdinScript(SimpleCommand c) {
        if (c.src == null) {
            return;
        }
        redirectedScripts(c);
        SimpleCommand feeder = c.pipedFrom;
        if (feeder == null || feeder.words.isEmpty() || !feeder.words.get(0).literal()) {
            return;
        }
        String name = baseName(feeder.words.get(0).value());
        if (name.equals("cat") && feeder.words.size() == 1) {
            redirectedScripts(feeder);
        } else if (name.equals("echo") || name.equals("printf")) {
            int k = 1;
            while (name.equals("echo") && k < feeder.words.size()
                    && feeder.words.get(k).value().matches("-[neE]+")) {
                k++;
            }
            List<Word> args = feeder.words.subList(k, feeder.words.size());
            if (!args.isEmpty()) {
                analysis.parseScript(name.equals("printf") ? printfFormat(args.get(0)) : joined(args), c.textDepth + 1);
            }
        }
    }

    /** The here-documents and here-strings of {@code c}, as scripts. */
    private void redirectedScripts(SimpleCommand c) {
        for (Redirect r : c.redirects) {
            if (r.heredoc() != null && r.heredoc().read()) {
                analysis.parseScript(c.src, r.heredoc().bodyStart, r.heredoc().bodyEnd, c.textDepth + 1);
            } else if (r.op().equals("<<<") && r.target() != null) {
                analysis.parseScript(r.target().asText(), c.textDepth + 1);
            }
        }
    }

    // ------------------------------------------------------------------------------------- classification

    private void classify(String name, List<Word> w, int i) {
        Word word = w.get(i);
        if (word.value().endsWith("/docker") && INIT_SCRIPT.matcher(word.value()).matches()) {
            String verb = i + 1 < w.size() ? w.get(i + 1).value() : "";
            analysis.report(Kind.DOCKER_DAEMON_CONTROL, word, join(word.value(), verb), verb);
            return;
        }
        switch (name) {
            case "docker" -> {
                String sub = dockerSubcommand(w, i + 1);
                analysis.report(Kind.DOCKER_CLI, word, join("docker", sub), sub);
            }
            case "docker-compose" -> {
                List<Integer> operands = COMPOSE.operands(w, i + 1);
                String sub = operands.isEmpty() ? "" : w.get(operands.get(0)).value();
                analysis.report(Kind.DOCKER_CLI, word, join("docker-compose", sub), sub);
            }
            case "dockerd" -> analysis.report(Kind.DOCKER_DAEMON_CONTROL, word, "dockerd", "");
            case "systemctl" -> systemctl(w, i);
            case "service", "rc-service", "invoke-rc.d" -> service(name, w, i);
            case "pkill", "killall", "kill" -> signal(name, w, i);
            case "tee", "sponge" -> writesAny(name, w, i, Options.NONE.operands(w, i + 1));
            case "cp", "mv", "ln" -> writesDestination(name, w, i, COPY);
            case "install" -> {
                if (!INSTALL.hasFlag(w, i + 1, 'd', "--directory")) {   // install -d only creates directories
                    writesDestination(name, w, i, INSTALL);
                }
            }
            case "sed" -> sed(w, i);
            case "curl" -> writesPath(name, w, i, CURL.valueOf(w, i + 1, 'o', "--output"));
            case "wget" -> {
                writesPath(name, w, i, WGET.valueOf(w, i + 1, 'O', "--output-document"));
                writesPath(name, w, i, WGET.valueOf(w, i + 1, 'P', "--directory-prefix"));
            }
            case "dd" -> {
                for (int k = i + 1; k < w.size(); k++) {
                    if (w.get(k).value().startsWith("of=")) {
                        writesPath(name, w, i, w.get(k).value().substring(3));
                    }
                }
            }
            default -> {
            }
        }
    }

    private static String dockerSubcommand(List<Word> w, int from) {
        int k = DOCKER.skip(w, from);
        if (k >= w.size()) {
            return k > from ? w.get(from).value() : "";   // docker --version
        }
        String sub = w.get(k).value();
        if (DOCKER_MANAGEMENT_COMMANDS.contains(sub) && k + 1 < w.size()
                && !Options.isOption(w.get(k + 1).value())) {
            sub = sub + " " + w.get(k + 1).value();
        }
        return sub;
    }

    private void systemctl(List<Word> w, int i) {
        List<Integer> operands = SYSTEMCTL.operands(w, i + 1);
        if (operands.size() < 2) {
            return;
        }
        String verb = w.get(operands.get(0)).value();
        for (int k = 1; k < operands.size(); k++) {
            String unit = w.get(operands.get(k)).value();
            if (DOCKER_UNITS.contains(unit)) {
                analysis.report(Kind.DOCKER_DAEMON_CONTROL, w.get(i), "systemctl " + verb + " " + unit, verb);
                return;
            }
        }
    }

    private void service(String name, List<Word> w, int i) {
        List<Integer> operands = Options.NONE.operands(w, i + 1);
        if (operands.isEmpty() || !DOCKER_UNITS.contains(w.get(operands.get(0)).value())) {
            return;
        }
        String verb = operands.size() > 1 ? w.get(operands.get(1)).value() : "";
        analysis.report(Kind.DOCKER_DAEMON_CONTROL, w.get(i), join(name + " docker", verb), verb);
    }

    /** {@code pkill dockerd}, {@code killall -HUP dockerd}, {@code kill -HUP $(pidof dockerd)}. */
    private void signal(String name, List<Word> w, int i) {
        for (int k = i + 1; k < w.size(); k++) {
            String v = w.get(k).value();
            if (Options.isOption(v) && !name.equals("kill")) {
                continue;
            }
            for (String token : NON_NAME.split(v)) {
                if (token.equals("dockerd") || (name.equals("kill") && token.equals("docker.pid"))) {
                    analysis.report(Kind.DOCKER_DAEMON_CONTROL, w.get(i), name + " dockerd", "");
                    return;
                }
            }
        }
    }

    private void sed(List<Word> w, int i) {
        boolean inPlace = false;
        boolean scriptGiven = false;
        for (int k = i + 1; k < w.size(); k++) {
            String v = w.get(k).value();
            if (v.equals("--")) {
                break;
            }
            inPlace |= v.startsWith("--in-place") || v.matches("-[nrsuzE]*i.*");
            scriptGiven |= v.startsWith("--expression") || v.startsWith("--file") || v.matches("-[nrsuzEi]*[ef].*")
                    && !v.startsWith("-i");
        }
        if (!inPlace) {
            return;
        }
        List<Integer> operands = SED.operands(w, i + 1);
        writesAny("sed -i", w, i, scriptGiven || operands.isEmpty() ? operands : operands.subList(1, operands.size()));
    }

    private void writesDestination(String name, List<Word> w, int i, Options options) {
        String target = options.valueOf(w, i + 1, 't', "--target-directory");
        List<Integer> operands = options.operands(w, i + 1);
        if (target != null) {
            writesPath(name, w, i, target);
        } else if (operands.size() >= 2) {
            writesPath(name, w, i, w.get(operands.get(operands.size() - 1)).value());
        }
    }

    private void writesAny(String name, List<Word> w, int i, List<Integer> paths) {
        for (int k : paths) {
            if (writesPath(name, w, i, w.get(k).value())) {
                return;
            }
        }
    }

    private boolean writesPath(String name, List<Word> w, int i, String path) {
        if (path == null || !ETC_DOCKER.matcher(path).find()) {
            return false;
        }
        analysis.report(Kind.DOCKER_CONFIG_WRITE, w.get(i), name + " " + path, path);
        return true;
    }

    private void checkRedirects(SimpleCommand c, Word command) {
        for (Redirect r : c.redirects) {
            if (!r.writes() || r.target() == null || !ETC_DOCKER.matcher(r.target().value()).find()) {
                continue;
            }
            String path = r.target().value();
            Word at = command != null ? command : c.words.isEmpty() ? null : c.words.get(0);
            if (at != null) {
                analysis.report(Kind.DOCKER_CONFIG_WRITE, at, baseName(at.value()) + " " + r.op() + " " + path, path);
            } else {
                analysis.report(Kind.DOCKER_CONFIG_WRITE, c.src, r.opIndex(), r.op(), r.op() + " " + path, path);
            }
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static int skipAssignments(List<Word> w, int i) {
        while (i < w.size() && w.get(i).value().matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            i++;
        }
        return i;
    }

    static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String join(String a, String b) {
        return b.isEmpty() ? a : a + " " + b;
    }

    /** A printf format as the text it prints: {@code \n}, {@code \t}, {@code \\} and {@code %%} resolved. */
    private static SourceText printfFormat(Word format) {
        String v = format.value();
        StringBuilder out = new StringBuilder(v.length());
        int[] indices = new int[v.length()];
        for (int k = 0; k < v.length(); k++) {
            char ch = v.charAt(k);
            indices[out.length()] = format.indexOf(k);
            if ((ch == '\\' || ch == '%') && k + 1 < v.length()) {
                char n = v.charAt(k + 1);
                char resolved = ch == '%' ? (n == '%' ? '%' : 0)
                        : n == 'n' ? '\n' : n == 't' ? '\t' : n == '\\' ? '\\' : 0;
                if (resolved != 0) {
                    out.append(resolved);
                    k++;
                    continue;
                }
            }
            out.append(ch);
        }
        return format.src().derive(out.toString(), java.util.Arrays.copyOf(indices, out.length()));
    }

    /** Words of one string joined by single spaces, as one text (each space maps to the character before it). */
    private static SourceText joined(List<Word> words) {
        StringBuilder value = new StringBuilder();
        int[] origin = new int[words.stream().mapToInt(x -> x.value().length() + 1).sum()];
        int n = 0;
        for (Word x : words) {
            if (n > 0) {
                origin[n] = origin[n - 1];
                value.append(' ');
                n++;
            }
            for (int k = 0; k < x.value().length(); k++) {
                origin[n++] = x.src().originOf(x.indexOf(k));
            }
            value.append(x.value());
        }
        return new SourceText(value.toString(), java.util.Arrays.copyOf(origin, n), words.get(0).src().element());
    }
}
