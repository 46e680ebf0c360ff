package dev.shimscan.rules.support;

import dev.shimscan.core.tree.NodeRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container-shaped mapping found in an object: an item of {@code containers}, {@code initContainers} or
 * {@code ephemeralContainers}, or any mapping with a textual {@code image} next to
 * {@code name}/{@code command}/{@code args}/{@code volumeMounts}/{@code env} (Argo {@code container}/{@code script},
 * Tekton {@code steps}/{@code sidecars}).
 *
 * @param node    the container mapping
 * @param name    display name: its {@code name}, else the enclosing template's {@code name} (Argo), else the
 *                enclosing object's {@code metadata.name} (an operator CR whose {@code spec} is the container),
 *                else its path
 * @param listKey {@code containers}, {@code initContainers} or {@code ephemeralContainers} when it is an item of
 *                such a list; null for the other shapes
 */
public record ContainerRef(NodeRef node, String name, String listKey) {

    public Optional<String> image() {
        return node.get("image").text();
    }

    /** The items of {@code volumeMounts} that name a volume. */
    /** The strings of the container's {@code command} (exec form); empty when it has none. */
    public List<String> command() {
        return strings(node.get("command"));
    }

    /** The strings of the container's {@code args}; empty when it has none. */
    public List<String> args() {
        return strings(node.get("args"));
    }

    private static List<String> strings(NodeRef array) {
        List<String> out = new ArrayList<>();
        for (NodeRef e : array.elements()) {
            e.text().ifPresent(out::add);
        }
        return out;
    }

    public List<MountRef> mounts() {
        List<MountRef> out = new ArrayList<>();
        for (NodeRef m : node.get("volumeMounts").elements()) {
            m.get("name").text().ifPresent(n -> out.add(new MountRef(m, n)));
        }
        return out;
    }

    /**
     * The env vars with a literal {@code value} (not {@code valueFrom}), in order; a later duplicate wins, as
     * the kubelet does.
     */
    public Map<String, String> literalEnv() {
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeRef e : node.get("env").elements()) {
            Optional<String> key = e.get("name").text();
            Optional<String> value = e.get("value").text();
            if (key.isPresent() && value.isPresent()) {
                out.put(key.get(), value.get());
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
