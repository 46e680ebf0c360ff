package dev.shimscan.rules.support;

import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.rules.support.shell.ShellAnalysis;
import dev.shimscan.rules.support.shell.ShellMatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the commands of one object live, and what the {@linkplain ShellAnalysis shell analysis} finds in them, each
 * match tied to the scalar node it lies in (with the evidence text and its offset, so a finding points at the line
 * inside a multi-line {@code sh -c} block scalar). Shared by DS201, DS202 and DS203; DS205 uses
 * {@link #inScript(Site, NodeRef)} for ConfigMap scripts.
 *
 * <p>Places, found by shape (the {@link PodSpecs} walker and field names), never by kind, so CronJob templates,
 * Argo Workflows, Tekton Tasks and unknown custom resources are read alike:
 * <ul>
 *   <li>a container's {@code command} followed by its {@code args}, exec'd without a shell
 *       ({@link ShellAnalysis#ofArgv}); an init wrapper in front ({@code tini --}, {@code dumb-init}) is skipped.
 *       With {@code args} but no {@code command} the image's entrypoint is unknown: {@code args} whose first items
 *       are shell flags ending in {@code -c} ({@code ["-c", "..."]}, {@code ["-ec", "..."]}, the entrypoint is a
 *       shell) have their script analysed; any other {@code args} are read as a command vector
 *       ({@code ["sh", "-c", "..."]}, {@code ["docker", "ps"]}, behind an entrypoint such as {@code tini --});</li>
 *   <li>{@code lifecycle.postStart}/{@code preStop} {@code exec.command}, and {@code exec.command} of the
 *       liveness, readiness and startup probes;</li>
 *   <li>embedded scripts of container-shaped mappings (any mapping with a textual {@code image}): Tekton's step
 *       {@code script} (a shell script unless its shebang names another interpreter) and Argo's
 *       {@code script.source} (when {@code script.command} is a shell, or absent);</li>
 *   <li>the {@code STARTUP_SCRIPT} env value of a container running the Kubernetes {@code startup-script} image
 *       ({@code registry.k8s.io/startup-script}), which runs it on the node through nsenter;</li>
 *   <li>node bootstrap commands held by cluster-provisioning objects, each run by a shell on the node: the items of
 *       {@code preBootstrapCommands} (eksctl node groups), {@code preKubeadmCommands} and
 *       {@code postKubeadmCommands} (Cluster API), and the script {@code overrideBootstrapCommand} (eksctl).</li>
 * </ul>
 * Strings that do not contain {@code docker} are not analysed: every match of the analysis names
 * {@code docker}, {@code dockerd}, {@code docker.service} or {@code /etc/docker}.
 */
public final class CommandSites {
    /** Interpreters that run a script as a POSIX shell would (busybox runs {@code sh}). */
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "ksh", "mksh", "zsh", "busybox");
    /** Minimal init processes that exec the command after their own flags (and an optional {@code --}). */
    private static final Set<String> INIT_WRAPPERS = Set.of("tini", "tini-static", "dumb-init", "catatonit");
    private static final Set<String> INIT_FLAGS_WITH_VALUE = Set.of("-e", "-p", "-r", "--rewrite");
    /** A cluster of shell short options that contains {@code c}: {@code -c}, {@code -ec}, {@code -xc}, {@code -cex}. */
    private static final Pattern SHELL_C = Pattern.compile("-[aefhilnsuvx]*c[aefhilnsuvx]*");
    private static final Pattern SHELL_OPTION = Pattern.compile("-[aefhilnsuvx]+|-o|\\+o");
    private static final List<String> BOOTSTRAP_LISTS = List.of("preBootstrapCommands", "preKubeadmCommands",
            "postKubeadmCommands");
    private static final List<String> BOOTSTRAP_SCRIPTS = List.of("overrideBootstrapCommand");
    /** The Kubernetes startup-script image runs its {@code STARTUP_SCRIPT} env value on the node (through nsenter). */
    private static final String STARTUP_SCRIPT_IMAGE = "startup-script";
    private static final String STARTUP_SCRIPT_ENV = "STARTUP_SCRIPT";
    private static final List<String[]> PROBES = List.of(new String[]{"livenessProbe", "liveness probe"},
            new String[]{"readinessProbe", "readiness probe"}, new String[]{"startupProbe", "startup probe"});
    private static final Pattern NODE_WRAPPER = Pattern.compile("(?:^|[\\s;&|(`])(?:\\S*/)?(nsenter|chroot)(?=\\s|$)");
    private static final Pattern HOST_FLAG = Pattern.compile(
            "\\s(?:-H|--host)(?:=|\\s+)['\"]?([^\\s'\";|&)]+)");
    private static final Pattern HOST_ASSIGNMENT = Pattern.compile(
            "(?:^|[\\s;&|(])DOCKER_HOST=['\"]?([^\\s'\";|&)]*)");
    private static final int MAX_EVIDENCE = 120;
    /** Blanks and a dangling redirection operator at the end of cut evidence ({@code docker ps >}). */
    private static final Pattern TRAILING_REDIRECT = Pattern.compile("[\\s<>]+$");

    private CommandSites() {
    }

    /**
     * A place that holds commands.
     *
     * @param subject   who runs them, for messages: {@code container 'cleanup'}, {@code 'ng-1'}
     * @param place     where, for messages: {@code command}, {@code postStart hook}, {@code liveness probe},
     *                  {@code script}, {@code preBootstrapCommands}
     * @param container the container, or null for node bootstrap commands and ConfigMap scripts
     * @param onNode    true for commands that run on the node itself (bootstrap commands, a startup-script), not in
     *                  the container's namespaces
     */
    public record Site(String subject, String place, ContainerRef container, boolean onNode) {
        /** {@code container 'cleanup' runs `docker ps` in its command}. */
        public String runs(String description) {
            return subject + " runs `" + description + "`" + (place.isEmpty() ? "" : " in its " + place);
        }
    }

    /**
     * One match of the shell analysis in a site.
     *
     * @param site     where
     * @param shell    the match
     * @param node     the scalar (command item, script) it lies in
     * @param prefix   what runs before it in the same command vector: the earlier argv items joined by spaces
     *                 (empty for scripts)
     * @param evidence the command as written from the command word to the end of its line, a quote, a comment or an
     *                 operator that ends the command
     * @param offset   where {@code evidence} starts in the scalar's value
     */
    public record Match(Site site, ShellMatch shell, NodeRef node, String prefix, String evidence, int offset) {

        /** A hit at the match's line, with the evidence and the container. */
        public Hit hit(String message) {
            Hit hit = Hit.at(node, message).withEvidence(evidence, offset);
            return site.container() == null ? hit : hit.withContainer(site.container().name());
        }

        /** The scalar's text up to the match, with the argv items before it: what the shell has seen so far. */
        private String before() {
            String value = node.textOr("");
            String own = value.substring(0, Math.min(Math.max(shell.offset(), 0), value.length()));
            return prefix.isEmpty() ? own : prefix + " " + own;
        }

        /**
         * {@code nsenter} or {@code chroot} in front of the command on its line (or in the argv items before it):
         * the command runs in the node's namespaces or root file system, not the container's.
         */
        public Optional<String> nodeWrapper() {
            Matcher outer = NODE_WRAPPER.matcher(prefix);
            if (outer.find()) {
                return Optional.of(outer.group(1));
            }
            String value = node.textOr("");
            String own = value.substring(0, Math.min(Math.max(shell.offset(), 0), value.length()));
            Matcher m = NODE_WRAPPER.matcher(own.substring(own.lastIndexOf('\n') + 1));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        /**
         * The Docker host this command names for itself: {@code -H}/{@code --host} after the command word on its
         * line, else the last {@code DOCKER_HOST=} assignment before it (an inline prefix, {@code export}, an
         * {@code env} argument). Values that are shell variables are not evaluated and give nothing.
         */
        public Optional<String> ownDockerHost() {
            String value = node.textOr("");
            int from = Math.min(Math.max(shell.offset(), 0), value.length());
            int end = value.indexOf('\n', from);
            String rest = value.substring(from, end < 0 ? value.length() : end);
            Matcher flag = HOST_FLAG.matcher(rest);
            String host = null;
            if (flag.find()) {
                host = flag.group(1);
            } else {
                Matcher a = HOST_ASSIGNMENT.matcher(before());
                while (a.find()) {
                    host = a.group(1);
                }
            }
            return host == null || host.isEmpty() || host.contains("$") ? Optional.empty() : Optional.of(host);
        }
    }

    /** Every match in the commands and scripts of a resource, found once and shared by the rules that check it. */
    public static List<Match> find(Resource resource, RuleContext ctx) {
        return ctx.shared(CommandSites.class.getName(),
                () -> List.copyOf(find(resource.root(), PodSpecs.of(resource, ctx))));
    }

    /** Every match in the commands and embedded scripts of an object (normally {@code resource.root()}). */
    public static List<Match> find(NodeRef root, PodSpecs specs) {
        List<Match> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ContainerRef c : specs.containers()) {
            seen.add(c.node().path());
            container(c, out);
        }
        walk(root, null, root, seen, out);
        return out;
    }

    /** The matches of a script held in a scalar (a ConfigMap value): {@link ShellAnalysis#ofScript}. */
    public static List<Match> inScript(Site site, NodeRef scalar) {
        List<Match> out = new ArrayList<>();
        script(site, scalar, out);
        return out;
    }

    /**
     * The interpreter a script's shebang names, as a bare name ({@code bash} for {@code #!/usr/bin/env -S bash -e});
     * empty when the script has no shebang.
     */
    public static Optional<String> shebangInterpreter(String script) {
        String s = script.stripLeading();
        if (!s.startsWith("#!")) {
            return Optional.empty();
        }
        int eol = s.indexOf('\n');
        String[] words = s.substring(2, eol < 0 ? s.length() : eol).trim().split("\\s+");
        String first = baseName(words[0]);
        if (first.equals("env")) {
            for (int i = 1; i < words.length; i++) {
                if (!words[i].startsWith("-") && !words[i].contains("=")) {
                    return Optional.of(baseName(words[i]));
                }
            }
        }
        return Optional.of(first);
    }

    /** True for {@code sh}, {@code bash}, {@code dash}, {@code ash}, {@code ksh}, {@code mksh}, {@code zsh}, {@code busybox}. */
    public static boolean isShell(String interpreter) {
        return SHELLS.contains(baseName(interpreter));
    }

    // ------------------------------------------------------------------------------------------ containers

    private static void container(ContainerRef c, List<Match> out) {
        NodeRef node = c.node();
        String subject = "container '" + c.name() + "'";
        commandAndArgs(new Site(subject, "command", c, false), node.get("command"), node.get("args"), out);
        NodeRef lifecycle = node.get("lifecycle");
        argv(new Site(subject, "postStart hook", c, false), items(lifecycle.at("postStart", "exec", "command")), out);
        argv(new Site(subject, "preStop hook", c, false), items(lifecycle.at("preStop", "exec", "command")), out);
        for (String[] probe : PROBES) {
            argv(new Site(subject, probe[1], c, false), items(node.at(probe[0], "exec", "command")), out);
        }
        if (c.image().flatMap(ImageRef::parse).map(i -> i.lastSegment().equals(STARTUP_SCRIPT_IMAGE)).orElse(false)) {
            for (NodeRef env : node.get("env").elements()) {
                if (STARTUP_SCRIPT_ENV.equals(env.get("name").textOr("")) && env.get("value").isScalar()) {
                    script(new Site(subject, STARTUP_SCRIPT_ENV + " (run on the node by the startup-script image)", c,
                            true), env.get("value"), out);
                }
            }
        }
        NodeRef tektonScript = node.get("script");
        if (tektonScript.isScalar()) {
            Optional<String> interpreter = shebangInterpreter(tektonScript.textOr(""));
            if (interpreter.isEmpty() || isShell(interpreter.get())) {
                script(new Site(subject, "script", c, false), tektonScript, out);
            }
        }
        NodeRef argoSource = node.get("source");
        if (argoSource.isScalar()) {
            List<NodeRef> command = items(node.get("command"));
            if (command.isEmpty() || isShell(command.get(0).textOr(""))) {
                script(new Site(subject, "script source", c, false), argoSource, out);
            }
        }
    }

    /**
     * {@code command} + {@code args}; without {@code command}, {@code args} that start with shell flags ending in
     * {@code c} have their script analysed, any others are read as a command vector.
     */
    private static void commandAndArgs(Site site, NodeRef command, NodeRef args, List<Match> out) {
        List<NodeRef> cmd = items(command);
        List<NodeRef> arg = items(args);
        if (cmd.isEmpty()) {
            int script = scriptAfterShellFlags(arg);
            if (script >= 0) {
                script(site, arg.get(script), texts(arg.subList(0, script)), out);
                return;
            }
        }
        List<NodeRef> all = new ArrayList<>(cmd);
        all.addAll(arg);
        argv(site, all, out);
    }

    /** The index of the script in {@code args} such as {@code ["-o", "pipefail", "-ec", "..."]}; -1 if none. */
    private static int scriptAfterShellFlags(List<NodeRef> args) {
        boolean sawC = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).textOr("");
            if (!a.startsWith("-") && !a.startsWith("+")) {
                return sawC ? i : -1;
            }
            if (SHELL_C.matcher(a).matches()) {
                sawC = true;
            } else if (a.equals("-o") || a.equals("+o")) {
                i++;
            } else if (!SHELL_OPTION.matcher(a).matches()) {
                return -1;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------------- scripts and bootstrap commands

    /** Finds container-shaped mappings the pod-spec walker does not know (Argo {@code script} with only image and source) and node bootstrap fields. */
    private static void walk(NodeRef node, NodeRef parent, NodeRef root, Set<String> seen, List<Match> out) {
        if (node.isArray()) {
            for (NodeRef item : node.elements()) {
                walk(item, parent, root, seen, out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (!seen.contains(node.path()) && node.get("image").isScalar()
                && (node.get("source").isScalar() || node.get("script").isScalar())) {
            seen.add(node.path());
            container(new ContainerRef(node, displayName(node, parent, root), null), out);
        }
        for (String key : BOOTSTRAP_LISTS) {
            for (NodeRef item : node.get(key).elements()) {
                if (item.isScalar()) {
                    script(bootstrapSite(node, root, key), item, out);
                }
            }
        }
        for (String key : BOOTSTRAP_SCRIPTS) {
            NodeRef s = node.get(key);
            if (s.isScalar()) {
                script(bootstrapSite(node, root, key), s, out);
            }
        }
        for (NodeRef.Field f : node.fields()) {
            walk(f.value(), node, root, seen, out);
        }
    }

    private static Site bootstrapSite(NodeRef holder, NodeRef root, String key) {
        String name = holder.get("name").textOr(root.at("metadata", "name").textOr(""));
        return new Site(name.isEmpty() ? "the node" : "'" + name + "'", key + " (run on the node at boot)", null, true);
    }

    private static String displayName(NodeRef node, NodeRef parent, NodeRef root) {
        String own = node.get("name").textOr("");
        if (!own.isEmpty()) {
            return own;
        }
        String template = parent == null ? "" : parent.get("name").textOr("");
        if (!template.isEmpty()) {
            return template;
        }
        String object = root.at("metadata", "name").textOr("");
        return object.isEmpty() ? node.path() : object;
    }

    // ---------------------------------------------------------------------------------------- analysis

    private static void argv(Site site, List<NodeRef> items, List<Match> out) {
        if (items.isEmpty() || items.stream().noneMatch(i -> i.textOr("").contains("docker"))) {
            return;
        }
        int skip = initWrapperLength(items);
        List<NodeRef> run = items.subList(skip, items.size());
        List<String> texts = run.stream().map(n -> n.textOr("")).toList();
        for (ShellMatch m : ShellAnalysis.ofArgv(texts)) {
            if (m.element() < 0 || m.element() >= run.size()) {
                continue;
            }
            NodeRef at = run.get(m.element());
            out.add(locate(site, m, at, texts(items.subList(0, skip + m.element()))));
        }
    }

    private static void script(Site site, NodeRef scalar, List<Match> out) {
        script(site, scalar, "", out);
    }

    private static void script(Site site, NodeRef scalar, String prefix, List<Match> out) {
        String text = scalar.textOr("");
        if (!text.contains("docker")) {
            return;
        }
        for (ShellMatch m : ShellAnalysis.ofScript(text)) {
            out.add(locate(site, m, scalar, prefix));
        }
    }

    /** How many leading items are an init wrapper ({@code tini -g --}) to skip; 0 when there is none. */
    private static int initWrapperLength(List<NodeRef> items) {
        if (!INIT_WRAPPERS.contains(baseName(items.get(0).textOr("")))) {
            return 0;
        }
        int i = 1;
        while (i < items.size()) {
            String a = items.get(i).textOr("");
            if (a.equals("--")) {
                return i + 1;
            }
            if (!a.startsWith("-")) {
                return i;
            }
            i += INIT_FLAGS_WITH_VALUE.contains(a) ? 2 : 1;
        }
        return Math.min(i, items.size());
    }

    /** Ties a match to its scalar: the evidence runs from the command word to the end of its line or a quote. */
    private static Match locate(Site site, ShellMatch m, NodeRef node, String prefix) {
        String value = node.textOr("");
        int start = Math.min(Math.max(m.offset(), 0), value.length());
        while (start < value.length() && "\"'\\".indexOf(value.charAt(start)) >= 0) {
            start++;
        }
        int end = start;
        while (end < value.length() && end - start < MAX_EVIDENCE && "\n\r\"'\\".indexOf(value.charAt(end)) < 0) {
            end++;
        }
        String evidence = TRAILING_REDIRECT.matcher(commandOnly(value.substring(start, end))).replaceFirst("");
        if (evidence.isEmpty()) {
            return new Match(site, m, node, prefix, m.description(), -1);
        }
        return new Match(site, m, node, prefix, evidence, start);
    }

    /**
     * Cuts what follows the command on its line: a comment ({@code #} after a blank), or an operator that ends it
     * ({@code ;}, {@code |}, {@code &} outside a redirection such as {@code 2>&1}, {@code )}, a backquote).
     */
    private static String commandOnly(String line) {
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            char previous = line.charAt(i - 1);
            boolean ends = switch (c) {
                case '#' -> Character.isWhitespace(previous);
                case ';', '|', ')', '`' -> true;
                case '&' -> previous != '>' && previous != '<' && (i + 1 >= line.length() || line.charAt(i + 1) != '>');
                default -> false;
            };
            if (ends) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static List<NodeRef> items(NodeRef listOrScalar) {
        if (listOrScalar.isArray()) {
            return listOrScalar.elements().stream().filter(NodeRef::isScalar).toList();
        }
        return listOrScalar.isScalar() ? List.of(listOrScalar) : List.of();
    }

    private static String texts(List<NodeRef> items) {
        return String.join(" ", items.stream().map(n -> n.textOr("")).toList());
    }

    private static String baseName(String word) {
        String w = word.trim();
        int slash = w.lastIndexOf('/');
        return (slash < 0 ? w : w.substring(slash + 1)).toLowerCase(Locale.ROOT);
    }
}
