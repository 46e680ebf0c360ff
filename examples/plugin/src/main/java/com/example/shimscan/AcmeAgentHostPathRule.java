package com.example.shimscan;

import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.tree.NodeRef;
import java.util.List;
import java.util.Set;

/**
 * DS901 acme-agent-host-path: a hostPath volume that mounts the ACME node agent's directory
 * ({@code /opt/acme/agent} or below). The ACME agent talks to Docker Engine, and goes away with it; workloads
 * that read its files must move to the acme-csi driver first.
 *
 * <p>A rule is stateless and thread-safe: it reads the object through {@link NodeRef}s (which remember their path)
 * and reports the node that is the evidence; shimscan finds the file, line and column itself.
 */
public final class AcmeAgentHostPathRule implements Rule {
    static final String AGENT_DIR = "/opt/acme/agent";

    /** DS9xx ids are left free for your own rules; an id shimscan already uses is refused. */
    static final RuleMeta META = new RuleMeta("DS901", "acme-agent-host-path", Severity.WARNING,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER),
            "A hostPath volume mounts the ACME node agent's directory /opt/acme/agent, which goes away with Docker Engine.",
            "Read the agent's data through the acme-csi driver (volume driver csi.acme.example) instead of a hostPath.");

    /** Where the pod spec sits in the kinds this rule knows; a Pod's is at the top. */
    private static final List<List<String>> POD_SPECS = List.of(
            List.of("spec"),
            List.of("spec", "template", "spec"),
            List.of("spec", "jobTemplate", "spec", "template", "spec"));

    @Override
    public RuleMeta meta() {
        return META;
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        for (List<String> where : POD_SPECS) {
            NodeRef podSpec = resource.root().at(where.toArray(String[]::new));
            for (NodeRef volume : podSpec.get("volumes").elements()) {
                NodeRef path = volume.at("hostPath", "path");
                String value = path.textOr("");
                if (isAgentPath(value)) {
                    ctx.report(Hit.at(path, "hostPath volume '" + volume.get("name").textOr("?")
                            + "' mounts the ACME agent directory " + value).withEvidence(value));
                }
            }
        }
    }

    /** {@code /opt/acme/agent} itself or anything below it, with or without a trailing slash. */
    static boolean isAgentPath(String path) {
        String p = path.strip();
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals(AGENT_DIR) || p.startsWith(AGENT_DIR + "/");
    }
}
