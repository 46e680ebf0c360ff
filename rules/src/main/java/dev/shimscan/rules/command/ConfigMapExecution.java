package dev.shimscan.rules.command;

import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.rules.support.ContainerMount;
import dev.shimscan.rules.support.ContainerRef;
import dev.shimscan.rules.support.PathNormalizer;
import dev.shimscan.rules.support.PodScope;
import dev.shimscan.rules.support.PodSpecs;
import dev.shimscan.rules.support.VolumeRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which keys of a ConfigMap the containers of the same file mount and execute (DS205): a {@code configMap} volume of
 * that name (in the same namespace, when both say one) mounted at {@code mountPath}, whose file for a key
 * ({@code mountPath/key}, or the {@code items} path, or the mount itself with a {@code subPath}) is the program of
 * the container's {@code command} ({@code [/scripts/run]}), the script of a shell ({@code [sh, /scripts/run]},
 * {@code [bash, -e, /scripts/run]}), or a command of a {@code sh -c} string ({@code exec /scripts/run},
 * {@code . /scripts/lib}). Only a container with its own {@code command} is read: the image's entrypoint is unknown.
 * A {@code sh -c} string is split into commands at line breaks, {@code ;}, {@code &&}, {@code ||}, {@code |} and
 * {@code &}, and the first word of each is read; anything more intricate is not followed.
 */
final class ConfigMapExecution {
    private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh");
    private static final Set<String> PREFIXES = Set.of(".", "source", "exec", "then", "do", "else", "time", "!");

    private ConfigMapExecution() {
    }

    /**
     * For each of {@code keys} that a container of {@code sameFile} executes, why: {@code mounted at /scripts/run
     * and executed by container 'job' of CronJob 'cleanup'}.
     */
    static Map<String, String> executedKeys(String configMap, String namespace, Set<String> keys,
                                            List<Resource> sameFile) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Resource other : sameFile) {
            String otherNamespace = other.ref().namespace();
            if ("ConfigMap".equals(other.ref().kind())
                    || namespace != null && otherNamespace != null && !namespace.equals(otherNamespace)) {
                continue;
            }
            PodSpecs specs = PodSpecs.of(other.root());
            for (PodScope scope : specs.scopes()) {
                for (VolumeRef volume : scope.volumes()) {
                    NodeRef source = volume.node().get("configMap");
                    if (!configMap.equals(source.get("name").textOr(null))) {
                        continue;
                    }
                    Map<String, String> files = filesOf(source, keys);
                    for (ContainerMount m : specs.mountsOf(scope, volume)) {
                        Set<String> executed = executedFiles(m.container());
                        String mountPath = m.mount().mountPath().orElse("");
                        String subPath = m.mount().subPathNode().textOr("");
                        if (executed.isEmpty() || mountPath.isEmpty()
                                || !m.mount().subPathExprNode().textOr("").isEmpty()) {
                            continue;
                        }
                        files.forEach((key, file) -> {
                            String at = subPath.isEmpty() ? mountPath + "/" + file
                                    : PathNormalizer.normalize(subPath).equals(PathNormalizer.normalize(file))
                                    ? mountPath : null;
                            if (at != null && executed.contains(PathNormalizer.normalize(at))) {
                                out.putIfAbsent(key, "mounted at " + at + " and executed by container '"
                                        + m.container().name() + "' of " + other.ref().kind() + " '"
                                        + (other.ref().name() == null ? "(unnamed)" : other.ref().name()) + "'");
                            }
                        });
                    }
                }
            }
        }
        return out;
    }

    /** Each key's file name inside the volume: its {@code items} path, or the key itself without items. */
    private static Map<String, String> filesOf(NodeRef source, Set<String> keys) {
        Map<String, String> files = new LinkedHashMap<>();
        List<NodeRef> items = source.get("items").elements();
        if (items.isEmpty()) {
            keys.forEach(k -> files.put(k, k));
        }
        for (NodeRef item : items) {
            String key = item.get("key").textOr("");
            String path = item.get("path").textOr("");
            if (keys.contains(key) && !path.isEmpty()) {
                files.put(key, path);
            }
        }
        return files;
    }

    /** The normalised paths of the files a container's command executes. */
    static Set<String> executedFiles(ContainerRef container) {
        List<String> command = container.command();
        if (command.isEmpty()) {
            return Set.of();
        }
        List<String> argv = new ArrayList<>(command);
        argv.addAll(container.args());
        Set<String> out = new LinkedHashSet<>();
        addExecuted(argv, out, 0);
        return out;
    }

    private static void addExecuted(List<String> words, Set<String> out, int depth) {
        if (words.isEmpty() || depth > 3) {
            return;
        }
        String program = words.get(0);
        String name = program.substring(program.lastIndexOf('/') + 1);
        if (PREFIXES.contains(program)) {
            addExecuted(words.subList(1, words.size()), out, depth + 1);
            return;
        }
        if (program.contains("/")) {
            out.add(PathNormalizer.normalize(program));
        }
        if (!SHELLS.contains(name)) {
            return;
        }
        for (int i = 1; i < words.size(); i++) {
            String a = words.get(i);
            if (a.equals("-o") || a.equals("+o")) {
                i++; // an option's name
            } else if (a.startsWith("-") && !a.startsWith("--") && a.indexOf('c') > 0) {
                if (i + 1 < words.size()) {
                    for (List<String> c : commandsOf(words.get(i + 1))) {
                        addExecuted(c, out, depth + 1);
                    }
                }
                return;
            } else if (!a.startsWith("-") && !a.startsWith("+")) {
                out.add(PathNormalizer.normalize(a)); // the script the shell reads
                return;
            }
        }
    }

    /** The simple commands of a {@code sh -c} string, each as its words (quotes removed, assignments dropped). */
    private static List<List<String>> commandsOf(String script) {
        List<List<String>> commands = new ArrayList<>();
        for (String part : script.split("\\n|;|&&|\\|\\||\\||&")) {
            List<String> words = new ArrayList<>();
            for (String w : part.strip().split("\\s+")) {
                String word = w.replaceAll("^[\"']+|[\"']+$", "");
                if (!word.isEmpty() && !(words.isEmpty() && word.matches("[A-Za-z_][A-Za-z0-9_]*=.*"))) {
                    words.add(word);
                }
            }
            if (!words.isEmpty()) {
                commands.add(words);
            }
        }
        return commands;
    }
}
