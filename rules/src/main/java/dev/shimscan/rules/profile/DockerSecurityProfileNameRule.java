package dev.shimscan.rules.profile;

import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.tree.NodeRef;
import java.util.Set;

/**
 * DS801: the Docker-specific security profile names, wherever an object carries them.
 * <ul>
 *   <li>seccomp annotations with {@code docker/default}: {@code seccomp.security.alpha.kubernetes.io/pod},
 *       {@code container.seccomp.security.alpha.kubernetes.io/<container>}, and the PodSecurityPolicy annotations
 *       {@code seccomp.security.alpha.kubernetes.io/allowedProfileNames} / {@code defaultProfileName} (comma
 *       lists; the finding points at the name inside the value);</li>
 *   <li>AppArmor annotations with the profile {@code docker-default} ({@code localhost/docker-default}, or the bare
 *       name): {@code container.apparmor.security.beta.kubernetes.io/<container>}, and the PodSecurityPolicy
 *       annotations {@code apparmor.security.beta.kubernetes.io/allowedProfileNames} / {@code defaultProfileName};</li>
 *   <li>{@code appArmorProfile} fields (pod or container {@code securityContext}) of type {@code Localhost} whose
 *       {@code localhostProfile} is {@code docker-default}.</li>
 * </ul>
 * Annotations are read from every {@code metadata.annotations} of the object: its own and its pod templates'.
 * {@code runtime/default}, {@code RuntimeDefault}, {@code localhost/...} profiles of other names are not reported.
 */
public final class DockerSecurityProfileNameRule implements Rule {
    public static final RuleMeta META = new RuleMeta("DS801", "docker-security-profile-name", Severity.WARNING,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER),
            "The Docker-specific profile names docker/default (seccomp annotations) or docker-default (AppArmor "
                    + "annotation or appArmorProfile field).",
            "Use the runtime's default profile by its runtime-neutral name: securityContext.seccompProfile.type: "
                    + "RuntimeDefault (runtime/default in PodSecurityPolicy annotations) and "
                    + "securityContext.appArmorProfile.type: RuntimeDefault (runtime/default in AppArmor annotations).");

    static final String SECCOMP_POD = "seccomp.security.alpha.kubernetes.io/pod";
    static final String SECCOMP_CONTAINER = "container.seccomp.security.alpha.kubernetes.io/";
    static final String APPARMOR_CONTAINER = "container.apparmor.security.beta.kubernetes.io/";
    static final Set<String> SECCOMP_PSP = Set.of("seccomp.security.alpha.kubernetes.io/allowedProfileNames",
            "seccomp.security.alpha.kubernetes.io/defaultProfileName");
    static final Set<String> APPARMOR_PSP = Set.of("apparmor.security.beta.kubernetes.io/allowedProfileNames",
            "apparmor.security.beta.kubernetes.io/defaultProfileName");

    private static final String DOCKER_SECCOMP = "docker/default";
    private static final Set<String> DOCKER_APPARMOR = Set.of("docker-default", "localhost/docker-default");
    private static final String APPARMOR_WHY = "docker-default is the AppArmor profile that Docker Engine loads; "
            + "containerd and CRI-O load their own default, so on a node without Docker a pod that asks for it is "
            + "blocked from starting";
    private static final String SECCOMP_WHY = "docker/default is the Docker-era alias of the runtime's default "
            + "seccomp profile, and the seccomp annotations are deprecated since Kubernetes v1.19";

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: these are the two profile names it reports. */
    @Override
    public Keywords keywords() {
        return Keywords.anyOf("docker/default", "docker-default");
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        visit(resource.root(), null, ctx);
    }

    private void visit(NodeRef node, String key, RuleContext ctx) {
        if (node.isArray()) {
            for (NodeRef item : node.elements()) {
                visit(item, null, ctx);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if ("appArmorProfile".equals(key)) {
            checkAppArmorField(node, ctx);
        }
        for (NodeRef.Field f : node.fields()) {
            if (f.key().equals("annotations") && "metadata".equals(key)) {
                checkAnnotations(f.value(), ctx);
            } else {
                visit(f.value(), f.key(), ctx);
            }
        }
    }

    private void checkAppArmorField(NodeRef profile, RuleContext ctx) {
        NodeRef localhost = profile.get("localhostProfile");
        String type = profile.get("type").textOr("");
        if (type.equalsIgnoreCase("Localhost") && DOCKER_APPARMOR.contains(localhost.textOr("").trim())) {
            String fix = "Set appArmorProfile: {type: RuntimeDefault} (drop localhostProfile).";
            ctx.report(Hit.at(localhost, "appArmorProfile " + profile.path() + " asks for the localhost profile "
                    + localhost.textOr("").trim() + ": " + APPARMOR_WHY + "; use type RuntimeDefault")
                    .withRemediation(fix));
        }
    }

    private void checkAnnotations(NodeRef annotations, RuleContext ctx) {
        for (NodeRef.Field f : annotations.fields()) {
            String name = f.key();
            NodeRef value = f.value();
            String text = value.textOr("");
            if (name.equals(SECCOMP_POD) && text.trim().equals(DOCKER_SECCOMP)) {
                report(ctx, value, text, DOCKER_SECCOMP, null, "annotation " + name + ": " + DOCKER_SECCOMP
                        + " sets the pod's seccomp profile; " + SECCOMP_WHY,
                        "Remove the annotation and set securityContext.seccompProfile.type: RuntimeDefault in the pod "
                                + "spec.");
            } else if (name.startsWith(SECCOMP_CONTAINER) && text.trim().equals(DOCKER_SECCOMP)) {
                String container = name.substring(SECCOMP_CONTAINER.length());
                report(ctx, value, text, DOCKER_SECCOMP, container, "annotation " + name + ": " + DOCKER_SECCOMP
                        + " sets the seccomp profile of container '" + container + "'; " + SECCOMP_WHY,
                        "Remove the annotation and set securityContext.seccompProfile.type: RuntimeDefault in "
                                + "container '" + container + "'.");
            } else if (SECCOMP_PSP.contains(name)) {
                reportListed(ctx, value, text, Set.of(DOCKER_SECCOMP), "PodSecurityPolicy annotation " + name
                        + " lists " + DOCKER_SECCOMP + "; " + SECCOMP_WHY, "Write runtime/default instead of "
                        + "docker/default (PodSecurityPolicy itself is gone since Kubernetes v1.25: move to Pod "
                        + "Security Admission, whose baseline and restricted levels accept RuntimeDefault).");
            } else if (name.startsWith(APPARMOR_CONTAINER) && DOCKER_APPARMOR.contains(text.trim())) {
                String container = name.substring(APPARMOR_CONTAINER.length());
                report(ctx, value, text, text.trim(), container, "annotation " + name + ": " + text.trim()
                        + " sets the AppArmor profile of container '" + container + "'; " + APPARMOR_WHY,
                        "Use runtime/default in the annotation, or from Kubernetes v1.30 on set "
                                + "securityContext.appArmorProfile.type: RuntimeDefault in container '" + container
                                + "' and drop the annotation.");
            } else if (APPARMOR_PSP.contains(name)) {
                reportListed(ctx, value, text, DOCKER_APPARMOR, "PodSecurityPolicy annotation " + name + " lists "
                        + "docker-default; " + APPARMOR_WHY, "Write runtime/default instead of "
                        + "localhost/docker-default (PodSecurityPolicy itself is gone since Kubernetes v1.25).");
            }
        }
    }

    private static void report(RuleContext ctx, NodeRef value, String text, String evidence, String container,
                               String message, String fix) {
        Hit hit = Hit.at(value, message + ". " + fix).withEvidence(evidence, text.indexOf(evidence))
                .withRemediation(fix);
        ctx.report(container == null ? hit : hit.withContainer(container));
    }

    /** Reports each listed Docker name of a comma-separated profile list, at its place in the value. */
    private static void reportListed(RuleContext ctx, NodeRef value, String text, Set<String> dockerNames,
                                     String message, String fix) {
        int start = 0;
        while (start <= text.length()) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            String item = text.substring(start, end);
            String trimmed = item.trim();
            if (dockerNames.contains(trimmed)) {
                int offset = start + item.indexOf(trimmed);
                ctx.report(Hit.at(value, message + ". " + fix).withEvidence(trimmed, offset).withRemediation(fix));
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
    }
}
