package dev.shimscan.rules.command;

import dev.shimscan.rules.support.DockerKeywords;
import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.rules.support.CommandSites;
import dev.shimscan.rules.support.CommandSites.Match;
import dev.shimscan.rules.support.CommandSites.Site;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DS205: a shell script held in a ConfigMap's {@code data} that runs the Docker CLI, controls the Docker daemon or
 * writes under {@code /etc/docker}: the same detection as DS201, DS202 and DS203, one finding per match, at the
 * ConfigMap key and the line inside the script.
 *
 * <p>A value is a script when its first line is a shebang naming a shell ({@code #!/bin/sh},
 * {@code #!/usr/bin/env bash}), or when its key ends in {@code .sh} or {@code .bash} and no shebang names another
 * interpreter. Other values (configs, READMEs, a {@code #!/usr/bin/env python3} script) are not read as shell.
 *
 * <p>Decision: DS205 owns every match in a ConfigMap script, daemon control and config writes included, and DS202
 * and DS203 never look at ConfigMaps, so one line never carries two rules for one command. The message says which
 * kind of dependency it is and the remediation is the kind's (crictl equivalent, {@code systemctl restart containerd},
 * {@code /etc/containerd/config.toml}).
 *
 * <p>A value without such a shebang or key is a script too when a container of the same file mounts and executes it
 * ({@code command: [sh, /scripts/run]}; see {@link ConfigMapExecution}). Not covered: such a ConfigMap and workload
 * in different files, or read from a live cluster (objects there arrive one list at a time).
 */
public final class DockerCliInScriptRule implements Rule {
    public static final RuleMeta META = new RuleMeta("DS205", "docker-cli-in-script", Severity.ERROR,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER),
            "A script held in a ConfigMap (shebang, a key ending in .sh, or a key that a container of the same "
                    + "file mounts and executes) runs the docker CLI, controls the Docker daemon or writes "
                    + "/etc/docker; reported at the ConfigMap key and line.",
            "Rewrite the script for containerd: crictl (ps, inspect, logs, exec, images, rmi) or kubectl instead of "
                    + "docker, systemctl restart containerd instead of docker, /etc/containerd/config.toml instead "
                    + "of /etc/docker/daemon.json.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: scripts are only analysed when their text contains docker (CommandSites). */
    @Override
    public Keywords keywords() {
        return Keywords.anyOf(DockerKeywords.DOCKER_WORD);
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        NodeRef root = resource.root();
        if (!"ConfigMap".equals(resource.ref().kind())) {
            return;
        }
        String configMap = root.at("metadata", "name").textOr("(unnamed)");
        Map<String, String> executed = null; // read from the file's other objects on first need
        for (NodeRef.Field f : root.get("data").fields()) {
            Optional<String> text = f.value().text();
            if (text.isEmpty()) {
                continue;
            }
            Optional<String> why = whyScript(f.key(), text.get());
            if (why.isEmpty() && CommandSites.shebangInterpreter(text.get()).isEmpty()) {
                if (executed == null) {
                    Set<String> keys = new LinkedHashSet<>();
                    root.get("data").fields().forEach(k -> keys.add(k.key()));
                    executed = ConfigMapExecution.executedKeys(configMap, resource.ref().namespace(), keys,
                            ctx.sameFile());
                }
                why = Optional.ofNullable(executed.get(f.key()));
            }
            if (why.isEmpty()) {
                continue;
            }
            Site site = new Site("script '" + f.key() + "' of ConfigMap '" + configMap + "'", "", null, false);
            for (Match m : CommandSites.inScript(site, f.value())) {
                ctx.report(m.hit(site.runs(m.shell().description()) + " (" + why.get() + "): " + what(m))
                        .withRemediation(Remediations.of(m.shell())));
            }
        }
    }

    /** Why a value is read as a shell script: its shebang or its key; empty when it is not one. */
    static Optional<String> whyScript(String key, String value) {
        Optional<String> interpreter = CommandSites.shebangInterpreter(value);
        if (interpreter.isPresent()) {
            if (!CommandSites.isShell(interpreter.get())) {
                return Optional.empty();
            }
            String first = value.stripLeading();
            int eol = first.indexOf('\n');
            return Optional.of("shell script by its shebang " + (eol < 0 ? first : first.substring(0, eol)).strip());
        }
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith(".sh") || k.endsWith(".bash")) {
            return Optional.of("shell script by its key");
        }
        return Optional.empty();
    }

    private static String what(Match m) {
        return switch (m.shell().kind()) {
            case DOCKER_CLI -> "it runs the Docker CLI";
            case DOCKER_DAEMON_CONTROL -> "it controls the Docker daemon";
            case DOCKER_CONFIG_WRITE -> "it writes Docker configuration " + m.shell().detail();
        };
    }
}
