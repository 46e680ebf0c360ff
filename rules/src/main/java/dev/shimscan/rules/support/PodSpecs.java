package dev.shimscan.rules.support;

import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.tree.NodeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pod-spec shapes of one object, found by shape rather than by kind, so that Pods, every workload
 * template (CronJob {@code spec.jobTemplate.spec.template.spec} included), Argo Workflows and Rollouts, Tekton
 * Tasks and unknown custom resources are all read the same way.
 *
 * <ul>
 *   <li>A {@linkplain PodScope scope} is any mapping with a {@code volumes} list whose items are mappings with
 *       a {@code name}. Argo: {@code spec.volumes}; Tekton: {@code spec.volumes}; pods: the pod spec.</li>
 *   <li>A {@linkplain ContainerRef container} is an item of a {@code containers}, {@code initContainers} or
 *       {@code ephemeralContainers} list, or any mapping with a textual {@code image} plus one of
 *       {@code name}, {@code command}, {@code args}, {@code volumeMounts}, {@code env}.</li>
 *   <li>The containers that can mount a scope's volumes are those below the scope, the scope's own mapping
 *       included (operator resources that merge pod and container fields in one {@code spec}). A nested scope that
 *       declares a volume of the same name shadows the outer one for the containers below it.</li>
 * </ul>
 *
 * Build one per object with {@link #of(NodeRef)}; instances are immutable.
 */
public final class PodSpecs {
    private static final Set<String> CONTAINER_LISTS = Set.of("containers", "initContainers", "ephemeralContainers");
    private static final List<String> CONTAINER_FIELDS = List.of("name", "command", "args", "volumeMounts", "env");

    private final List<PodScope> scopes;
    private final List<ContainerRef> containers;
    /** Container path → the scopes enclosing it, innermost first. */
    private final Map<String, List<PodScope>> enclosing;

    private PodSpecs(List<PodScope> scopes, List<ContainerRef> containers, Map<String, List<PodScope>> enclosing) {
        this.scopes = List.copyOf(scopes);
        this.containers = List.copyOf(containers);
        this.enclosing = enclosing;
    }

    /** The pod specs of a resource, walked once and shared by every rule that checks it. */
    public static PodSpecs of(Resource resource, RuleContext ctx) {
        return ctx.shared(PodSpecs.class.getName(), () -> of(resource.root()));
    }

    /** Walks an object (normally {@code resource.root()}). */
    public static PodSpecs of(NodeRef root) {
        Walker w = new Walker();
        w.visit(root, null, null, null, new ArrayList<>());
        List<PodScope> scopes = new ArrayList<>();
        Map<String, PodScope> byPath = new HashMap<>();
        for (Walker.PendingScope p : w.scopes) {
            PodScope s = new PodScope(p.node, p.volumes, p.containers);
            scopes.add(s);
            byPath.put(p.node.path(), s);
        }
        Map<String, List<PodScope>> enclosing = new HashMap<>();
        w.enclosingPaths.forEach((container, paths) -> {
            List<PodScope> list = new ArrayList<>();
            for (int i = paths.size() - 1; i >= 0; i--) {
                list.add(byPath.get(paths.get(i)));
            }
            enclosing.put(container, List.copyOf(list));
        });
        return new PodSpecs(scopes, w.containers, enclosing);
    }

    /** Every scope, in document order (an outer scope before the scopes nested in it). */
    public List<PodScope> scopes() {
        return scopes;
    }

    /** Every container-shaped mapping of the object, in document order. */
    public List<ContainerRef> containers() {
        return containers;
    }

    /**
     * The mounts of {@code volume} (declared in {@code scope}): every {@code volumeMounts} item with the volume's
     * name in a container below the scope, unless a nearer scope declares a volume of that name.
     */
    public List<ContainerMount> mountsOf(PodScope scope, VolumeRef volume) {
        List<ContainerMount> out = new ArrayList<>();
        for (ContainerRef c : scope.containers()) {
            if (nearestDeclaring(c, volume.name()) != scope) {
                continue;
            }
            for (MountRef m : c.mounts()) {
                if (m.volumeName().equals(volume.name())) {
                    out.add(new ContainerMount(c, m));
                }
            }
        }
        return out;
    }

    private PodScope nearestDeclaring(ContainerRef c, String volumeName) {
        for (PodScope s : enclosing.getOrDefault(c.node().path(), List.of())) {
            for (VolumeRef v : s.volumes()) {
                if (v.name().equals(volumeName)) {
                    return s;
                }
            }
        }
        return null;
    }

    /** One depth-first pass collecting scopes and containers. */
    private static final class Walker {
        final List<PendingScope> scopes = new ArrayList<>();
        final List<ContainerRef> containers = new ArrayList<>();
        final Map<String, List<String>> enclosingPaths = new HashMap<>();

        static final class PendingScope {
            final NodeRef node;
            final List<VolumeRef> volumes;
            final List<ContainerRef> containers = new ArrayList<>();

            PendingScope(NodeRef node, List<VolumeRef> volumes) {
                this.node = node;
                this.volumes = volumes;
            }
        }

        /**
         * @param parent    the mapping holding {@code node} as a field value, or null
         * @param listKey   the key of the list holding {@code node} as an item, or null
         * @param open      scopes enclosing {@code node}, outermost first
         */
        void visit(NodeRef node, NodeRef parent, String keyInParent, String listKey, List<PendingScope> open) {
            if (node.isArray()) {
                for (NodeRef item : node.elements()) {
                    visit(item, null, null, keyInParent, open);
                }
                return;
            }
            if (!node.isObject()) {
                return;
            }
            List<VolumeRef> volumes = volumesOf(node.get("volumes"));
            List<PendingScope> inner = open;
            if (volumes != null) {
                PendingScope scope = new PendingScope(node, volumes);
                scopes.add(scope);
                inner = new ArrayList<>(open);
                inner.add(scope);
            }
            // after the scope: a mapping can be both (operator CRs such as AmazonCloudWatchAgent or
            // OpenTelemetryCollector put image, volumeMounts and volumes side by side in their spec)
            boolean listed = listKey != null && CONTAINER_LISTS.contains(listKey);
            if (listed || looksLikeContainer(node)) {
                ContainerRef c = new ContainerRef(node, displayName(node, parent), listed ? listKey : null);
                containers.add(c);
                List<String> paths = new ArrayList<>(inner.size());
                for (PendingScope s : inner) {
                    s.containers.add(c);
                    paths.add(s.node.path());
                }
                enclosingPaths.put(node.path(), paths);
            }
            for (NodeRef.Field f : node.fields()) {
                visit(f.value(), node, f.key(), null, inner);
            }
        }

        private static boolean looksLikeContainer(NodeRef node) {
            NodeRef image = node.get("image");
            if (!image.isScalar() || image.text().isEmpty()) {
                return false;
            }
            for (String field : CONTAINER_FIELDS) {
                if (node.get(field).exists()) {
                    return true;
                }
            }
            return false;
        }

        private static String displayName(NodeRef container, NodeRef parent) {
            String own = container.get("name").textOr("");
            if (!own.isEmpty()) {
                return own;
            }
            if (parent != null) {
                String template = parent.get("name").textOr("");
                if (!template.isEmpty()) {
                    return template;
                }
                String object = parent.at("metadata", "name").textOr("");
                if (!object.isEmpty()) {
                    return object;
                }
            }
            return container.path();
        }

        /** The volumes of a pod-spec-shaped {@code volumes} list, or null when {@code list} is not one. */
        private static List<VolumeRef> volumesOf(NodeRef list) {
            if (!list.isArray()) {
                return null;
            }
            List<VolumeRef> out = new ArrayList<>();
            for (NodeRef item : list.elements()) {
                String name = item.get("name").textOr("");
                if (item.isObject() && !name.isEmpty()) {
                    out.add(new VolumeRef(item, name));
                }
            }
            return out.isEmpty() ? null : out;
        }
    }
}
