package dev.shimscan.rules.daemonjson;

import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.rule.Keyword;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.source.host.HostFileCategory;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.rules.support.HostFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where an object holds a Docker {@code daemon.json}: the node's {@code /etc/docker/daemon.json} (host source), or a
 * ConfigMap value whose key is {@code daemon.json} (or ends in it), or any ConfigMap value that is a JSON object with
 * settings only Docker's daemon has ({@code registry-mirrors}, {@code exec-opts}, {@code storage-driver}, ...):
 * node-setup DaemonSets ship it that way.
 */
final class DaemonJsonTexts {
    /** Keys no other well-known JSON config has together with Docker's meaning. */
    private static final Set<String> DOCKER_KEYS = Set.of("registry-mirrors", "insecure-registries", "exec-opts",
            "storage-driver", "storage-opts", "log-driver", "data-root", "graph", "default-runtime", "live-restore",
            "max-concurrent-downloads", "max-concurrent-uploads", "bip", "default-address-pools", "userns-remap",
            "default-ulimits", "cgroup-parent", "exec-root");

    /**
     * One daemon.json found in an object.
     *
     * @param where   for messages: {@code /etc/docker/daemon.json}, {@code ConfigMap 'node-setup' key 'daemon.json'}
     * @param holder  the scalar that holds the text
     */
    record Text(String where, NodeRef holder, DaemonJson json) {

        /** A hit on the line of a setting's key; the evidence is that line from the key on. */
        Hit hit(DaemonJson.Entry entry, String message) {
            String text = holder.textOr("");
            int start = entry.keyOffset() > 0 && text.charAt(entry.keyOffset() - 1) == '"'
                    ? entry.keyOffset() - 1 : entry.keyOffset();
            int end = text.indexOf('\n', start);
            String line = text.substring(start, end < 0 ? text.length() : end).strip();
            if (line.endsWith(",")) {
                line = line.substring(0, line.length() - 1).strip();
            }
            if (line.length() > 200 || line.isEmpty()) {
                return Hit.at(holder, message).withEvidence(entry.key(), entry.keyOffset());
            }
            return Hit.at(holder, message).withEvidence(line, start);
        }
    }

    /** A ConfigMap value counts as a daemon.json only under a key ending in {@code daemon.json} or with a Docker key. */
    static final Keywords KEYWORDS = Keywords.anyOf(
            java.util.stream.Stream.concat(java.util.stream.Stream.of("daemon.json"), DOCKER_KEYS.stream().sorted())
                    .map(Keyword::of).toList());

    private DaemonJsonTexts() {
    }

    static List<Text> of(Resource resource) {
        Optional<HostFile> host = HostFile.of(resource);
        if (host.isPresent()) {
            if (host.get().category() != HostFileCategory.DAEMON_JSON) {
                return List.of();
            }
            return DaemonJson.parse(host.get().text())
                    .map(j -> List.of(new Text("/" + host.get().path(), host.get().content(), j))).orElse(List.of());
        }
        if (!"ConfigMap".equals(resource.ref().kind())) {
            return List.of();
        }
        String name = resource.root().at("metadata", "name").textOr("(unnamed)");
        List<Text> out = new ArrayList<>();
        for (NodeRef.Field f : resource.root().get("data").fields()) {
            String value = f.value().textOr("");
            String trimmed = value.stripLeading();
            if (!trimmed.startsWith("{")) {
                continue;
            }
            boolean named = f.key().toLowerCase(Locale.ROOT).endsWith("daemon.json");
            Optional<DaemonJson> json = DaemonJson.parse(value);
            if (json.isEmpty()) {
                continue;
            }
            boolean dockerish = json.get().entries().stream().anyMatch(e -> DOCKER_KEYS.contains(e.key()));
            if (named || dockerish) {
                out.add(new Text("daemon.json in ConfigMap '" + name + "' key '" + f.key() + "'", f.value(),
                        json.get()));
            }
        }
        return out;
    }
}
