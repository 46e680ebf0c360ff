package dev.shimscan.rules.mount;

import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.tree.NodeRef;
import dev.shimscan.rules.support.ContainerMount;
import dev.shimscan.rules.support.EnvExpansion;
import dev.shimscan.rules.support.MountRef;
import dev.shimscan.rules.support.PathNormalizer;
import dev.shimscan.rules.support.PodScope;
import dev.shimscan.rules.support.PodSpecs;
import dev.shimscan.rules.support.VolumeRef;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shared mechanism of the hostPath rules (DS101–DS105): a rule is a predicate over normalised host paths.
 *
 * <p>For each {@code hostPath} volume of every pod-spec-shaped scope, {@code p} is the normalised
 * {@code hostPath.path}. Each mount of the volume reaches the effective host path {@code e = p/subPath}
 * ({@code subPathExpr} expanded with the container's literal env; a mount whose expression cannot be resolved
 * is skipped).
 * <ul>
 *   <li>When {@code p} matches, one finding sits at the volume's {@code hostPath.path}, naming the containers
 *       whose {@code e} also matches. A volume that no container mounts is reported as such, unless the rule
 *       {@linkplain #reportsUnmountedVolumes() only cares about mounted volumes}. When every mount of the volume
 *       uses a {@code subPathExpr} that cannot be resolved, the finding says so instead.</li>
 *   <li>When {@code p} does not match but a mount's {@code subPath} selects a matching {@code e} (hostPath
 *       {@code /var/run} + subPath {@code docker.sock}), the finding sits at that {@code subPath}.</li>
 *   <li>A PersistentVolume's {@code spec.hostPath.path} is checked like a volume: any pod that claims it gets
 *       the same host path.</li>
 * </ul>
 */
abstract class HostPathRule implements Rule {

    /** True when the normalised host path {@code path} is what this rule looks for. */
    protected abstract boolean matches(String path);

    /**
     * How the message names what is mounted, e.g. {@code the Docker socket /var/run/docker.sock}.
     *
     * @param shown the path as written, with its normalised form when that differs
     * @param path  the normalised path
     */
    protected abstract String describe(String shown, String path);

    /** Whether a matching volume that no container mounts is still a finding. */
    protected boolean reportsUnmountedVolumes() {
        return true;
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        NodeRef root = resource.root();
        checkPersistentVolume(root, resource, ctx);
        PodSpecs specs = PodSpecs.of(resource, ctx);
        for (PodScope scope : specs.scopes()) {
            for (VolumeRef volume : scope.volumes()) {
                Optional<String> hostPath = volume.hostPath();
                if (hostPath.isPresent() && !PathNormalizer.normalize(hostPath.get()).isEmpty()) {
                    checkVolume(volume, hostPath.get(), specs.mountsOf(scope, volume), ctx);
                }
            }
        }
    }

    private void checkPersistentVolume(NodeRef root, Resource resource, RuleContext ctx) {
        NodeRef pathNode = root.at("spec", "hostPath", "path");
        Optional<String> written = pathNode.text();
        if (!"PersistentVolume".equals(resource.ref().kind()) || written.isEmpty()) {
            return;
        }
        String p = PathNormalizer.normalize(written.get());
        if (!p.isEmpty() && matches(p)) {
            ctx.report(Hit.at(pathNode, "PersistentVolume '" + nameOf(resource) + "' is a hostPath volume of "
                    + describe(shown(written.get(), p), p) + "; every pod that claims it mounts it"));
        }
    }

    private void checkVolume(VolumeRef volume, String written, List<ContainerMount> mounts, RuleContext ctx) {
        String p = PathNormalizer.normalize(written);
        if (matches(p)) {
            reportVolume(volume, written, p, mounts, ctx);
            return;
        }
        for (ContainerMount cm : mounts) {
            MountRef m = cm.mount();
            if (!m.hasSubPath()) {
                continue;
            }
            Optional<String> e = effectivePath(p, cm);
            if (e.isPresent() && matches(e.get())) {
                boolean literal = !m.subPathNode().textOr("").isEmpty();
                NodeRef at = literal ? m.subPathNode() : m.subPathExprNode();
                ctx.report(Hit.at(at, "volume '" + volume.name() + "' (hostPath " + written.trim() + ") mounts "
                                + describe(e.get(), e.get()) + " into container '" + cm.container().name()
                                + "' through " + (literal ? "subPath" : "subPathExpr") + " '" + at.textOr("") + "'")
                        .withContainer(cm.container().name()));
            }
        }
    }

    private void reportVolume(VolumeRef volume, String written, String p, List<ContainerMount> mounts,
                              RuleContext ctx) {
        Set<String> matching = new LinkedHashSet<>();
        Set<String> unresolved = new LinkedHashSet<>();
        for (ContainerMount cm : mounts) {
            Optional<String> e = effectivePath(p, cm);
            if (e.isEmpty()) {
                unresolved.add(cm.container().name());
            } else if (matches(e.get())) {
                matching.add(cm.container().name());
            }
        }
        boolean knownMounts = mounts.size() > unresolved.size();
        String target = describe(shown(written, p), p);
        String what = "hostPath volume '" + volume.name() + "' points at " + target;
        Hit hit;
        if (!matching.isEmpty()) {
            hit = Hit.at(volume.hostPathNode(),
                    "hostPath volume '" + volume.name() + "' mounts " + target + " into " + containers(matching));
            if (matching.size() == 1) {
                hit = hit.withContainer(matching.iterator().next());
            }
        } else if (knownMounts || !reportsUnmountedVolumes()) {
            return;
        } else if (!unresolved.isEmpty()) {
            hit = Hit.at(volume.hostPathNode(), what + "; " + containers(unresolved)
                    + " mount" + (unresolved.size() == 1 ? "s" : "") + " it through a subPathExpr that cannot be resolved");
        } else {
            hit = Hit.at(volume.hostPathNode(), what + " but is not mounted by any container");
        }
        ctx.report(hit);
    }

    /** The host path a mount reaches: {@code p}, or {@code p/subPath}; empty when a subPathExpr cannot be expanded. */
    private static Optional<String> effectivePath(String p, ContainerMount cm) {
        MountRef m = cm.mount();
        String subPath = m.subPathNode().textOr("");
        if (!subPath.isEmpty()) {
            return Optional.of(PathNormalizer.resolve(p, subPath));
        }
        String expr = m.subPathExprNode().textOr("");
        if (!expr.isEmpty()) {
            return EnvExpansion.expand(expr, cm.container().literalEnv()).map(s -> PathNormalizer.resolve(p, s));
        }
        return Optional.of(p);
    }

    private static String containers(Set<String> names) {
        String list = names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
        return (names.size() == 1 ? "container " : "containers ") + list;
    }

    private static String shown(String written, String normalized) {
        String trimmed = written.trim();
        return trimmed.equals(normalized) ? trimmed : trimmed + " (= " + normalized + ")";
    }

    private static String nameOf(Resource resource) {
        String name = resource.ref().name();
        return name == null ? "(unnamed)" : name;
    }
}
