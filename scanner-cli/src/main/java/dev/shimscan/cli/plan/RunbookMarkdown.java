package dev.shimscan.cli.plan;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ObjectRef;
import dev.shimscan.core.report.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The runbook of a {@link MigrationPlan} in Markdown. It only prints commands; shimscan runs none of them. */
public final class RunbookMarkdown {
    private final StringBuilder out = new StringBuilder();

    private RunbookMarkdown() {
    }

    public static String render(MigrationPlan plan) {
        RunbookMarkdown md = new RunbookMarkdown();
        md.header(plan);
        md.unknowns(plan);
        md.workloads(plan);
        md.nodes(plan);
        return md.out.toString();
    }

    private void header(MigrationPlan plan) {
        line("# Migration runbook: Docker Engine to containerd");
        line("");
        line("Written by `shimscan plan` from " + plan.sources().stream().map(s -> "`" + s + "`")
                .collect(Collectors.joining(", ")) + ". shimscan ran none of these commands and changed nothing: "
                + "read each step, then run it yourself, one node at a time.");
        line("");
        for (Report.ClusterSummary c : plan.clusters()) {
            line("- " + (c.verdict() != null ? c.verdict() : "cluster `" + c.name() + "`"));
        }
        long move = plan.groups().stream().filter(g -> g.key().state().needsMigration())
                .mapToLong(g -> g.nodes().size()).sum();
        line("- Order: 1. " + plural(targets(plan.workloads()).size(), "workload") + " to change before any node "
                + "moves; 2. " + plural((int) move, "node") + " to move to containerd, dockershim nodes first.");
        line("");
    }

    private void unknowns(MigrationPlan plan) {
        List<String> notes = new ArrayList<>();
        boolean anyCluster = plan.groups().stream().anyMatch(g -> g.key().state() != RuntimeState.UNKNOWN);
        if (!anyCluster) {
            notes.add("No cluster audit lists nodes, so runtimes and kubelet versions are unknown: pass a "
                    + "`shimscan cluster -o json=...` report too, or run `shimscan plan --context NAME`.");
        }
        for (NodeGroup g : plan.groups()) {
            if (!g.key().state().needsMigration()) {
                continue;
            }
            List<String> unaudited = g.nodes().stream()
                    .filter(n -> n.audit() == null && n.os() != OsFamily.WINDOWS).map(n -> "`" + n.name() + "`")
                    .toList();
            if (!unaudited.isEmpty()) {
                notes.add("No node audit was read for " + String.join(", ", unaudited) + ": "
                        + (unaudited.size() == 1 ? "its" : "their") + " registry mirrors, "
                        + "insecure registries and cgroup driver (`/etc/docker/daemon.json`) are unknown. The runbook "
                        + "writes no `hosts.toml` and reads the cgroup driver from the kubelet's config on the node. "
                        + "Run `shimscan host -o json` there (see `deploy/node-audit-daemonset.yaml`) and pass "
                        + (unaudited.size() == 1 ? "its report" : "their reports") + " to `shimscan plan` as well.");
            }
            List<String> windows = g.nodes().stream().filter(n -> n.os() == OsFamily.WINDOWS)
                    .map(n -> "`" + n.name() + "`").toList();
            if (!windows.isEmpty()) {
                notes.add("Windows nodes " + String.join(", ", windows) + ": `shimscan host` does not audit Windows, "
                        + "so check `C:\\ProgramData\\docker\\config\\daemon.json` for registry mirrors yourself; the "
                        + "pod network (CNI) for containerd on Windows is set up differently from Docker's: follow "
                        + "your CNI's containerd instructions.");
            }
            if (g.os() == OsFamily.UNKNOWN) {
                notes.add("OS image `" + g.key().osImage() + "` of " + g.nodes().stream().map(n -> "`" + n.name() + "`")
                        .collect(Collectors.joining(", ")) + " has no known package manager: shimscan prints no "
                        + "commands for it. Managed node images move by replacing the node pool with one on containerd.");
            }
        }
        for (Finding f : plan.daemonJsonElsewhere()) {
            notes.add(f.ruleId() + ": " + f.message() + " - shimscan cannot tell which nodes that daemon.json "
                    + "configures; a node audit of those nodes puts its mirrors into their steps.");
        }
        for (String s : plan.incomplete()) {
            notes.add("The audit was incomplete: " + s + ". Workloads there are not in step 1.");
        }
        notes.add("Which containerd release the package manager installs: check that it supports your Kubernetes "
                + "version (containerd 1.7 or 2.x for Kubernetes v1.26 and later).");
        line("## What shimscan could not know");
        line("");
        notes.forEach(n -> line("- " + n));
        line("");
    }

    private void workloads(MigrationPlan plan) {
        line("## Step 1: change these workloads before any node moves");
        line("");
        Map<String, List<Finding>> byTarget = targets(plan.workloads());
        if (byTarget.isEmpty()) {
            line("No workload depends on Docker Engine on the node (no DS1xx, DS2xx or DS7xx finding).");
            line("");
            return;
        }
        line("They use Docker Engine on the node (its socket, its files, the docker CLI, its log files): on a node "
                + "moved to containerd they fail. Fix them first, or keep them on nodes that still run Docker until "
                + "they are fixed.");
        line("");
        int i = 1;
        for (Map.Entry<String, List<Finding>> e : byTarget.entrySet()) {
            line("### 1." + i++ + " " + e.getKey());
            line("");
            for (Finding f : e.getValue()) {
                line("- **" + f.ruleId() + "** (" + f.severity().label() + ")"
                        + (f.path() != null && !f.path().isEmpty() ? " `" + f.path() + "`" : "") + ": " + f.message());
                if (f.remediation() != null && !f.remediation().isBlank()) {
                    line("  Fix: " + f.remediation().strip().replace("\n", "\n  "));
                }
            }
            line("");
        }
    }

    /** Findings by what a user changes: the top-level owner of a live object, else the object (and its file). */
    private static Map<String, List<Finding>> targets(List<Finding> findings) {
        Map<String, List<Finding>> out = new LinkedHashMap<>();
        for (Finding f : findings) {
            ObjectRef o = f.owner() != null ? f.owner() : f.object();
            StringBuilder key = new StringBuilder(o == null ? "(no object)" : display(o));
            if (f.cluster() != null) {
                key.append(" - cluster `").append(f.cluster()).append('`');
            }
            if (f.podCount() != null) {
                key.append(", ").append(plural(f.podCount(), "pod"));
            }
            if (f.location() != null && f.location().file() != null) {
                key.append(" - `").append(f.location().file()).append('`');
            }
            out.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(f);
        }
        return out;
    }

    private void nodes(MigrationPlan plan) {
        line("## Step 2: move the nodes, one group at a time");
        line("");
        if (plan.groups().isEmpty()) {
            line("No report lists nodes.");
            return;
        }
        line("Groups share the cluster, runtime, kubelet version and OS image. Dockershim nodes come first: they "
                + "block the upgrade to Kubernetes v1.24. Move one node, check its pods, then the next.");
        line("");
        int i = 1;
        for (NodeGroup g : plan.groups()) {
            NodeGroup.Key k = g.key();
            line("### 2." + i++ + " " + k.state().label() + ": kubelet " + orUnknown(k.kubeletVersion()) + ", "
                    + orUnknown(k.osImage()) + " (" + g.os().label() + ")"
                    + (k.cluster() == null ? "" : ", cluster `" + k.cluster() + "`"));
            line("");
            line("Nodes: " + g.nodes().stream().map(n -> "`" + n.name() + "`").collect(Collectors.joining(", ")));
            line("");
            line(explain(k.state()));
            line("");
            if (!k.state().needsMigration() || g.os() == OsFamily.UNKNOWN) {
                continue;
            }
            for (PlanNode n : g.nodes()) {
                node(n);
            }
        }
    }

    private static String explain(RuntimeState state) {
        return switch (state) {
            case DOCKERSHIM -> "These kubelets use dockershim, which Kubernetes v1.24 removed: upgraded to v1.24 on "
                    + "Docker Engine, the kubelet does not start. Move them to containerd before the upgrade.";
            case CRI_DOCKERD -> "Nothing breaks today: these kubelets (v1.24 or later) reach Docker Engine through "
                    + "cri-dockerd, a separately installed adapter, and keep working while cri-dockerd and Docker "
                    + "Engine are kept up to date with each Kubernetes upgrade. Moving off Docker still requires the "
                    + "workloads of step 1 to change, the daemon.json settings to be carried over, and the steps "
                    + "below, which also stop and remove cri-dockerd.";
            case UNKNOWN -> "Only a node audit names these nodes: their runtime and kubelet version are unknown. "
                    + "Check `kubectl get nodes -o wide` first; if a node runs Docker Engine, these are its steps "
                    + "(below kubelet v1.24 add `--container-runtime=remote` to the kubelet flags too).";
            case CONTAINERD -> "Already on containerd: nothing to do on the nodes. Workloads of step 1 that run here "
                    + "already fail (or use a Docker Engine they install themselves).";
            case OTHER -> "Not on Docker Engine: nothing to do on the nodes.";
        };
    }

    private void node(PlanNode n) {
        Kubectl kubectl = new Kubectl(n.info().cluster());
        line("#### Node `" + n.name() + "`");
        line("");
        if (n.audit() != null) {
            NodeAudit a = n.audit();
            line("Node audit: " + (a.hostsFiles().isEmpty() ? "no registry mirrors or insecure registries"
                    : plural(a.hostsFiles().size(), "hosts.toml file") + " from its daemon.json")
                    + "; cgroup driver " + (a.systemdCgroup() == null ? "not set in daemon.json (read from the "
                    + "kubelet's config below)" : a.systemdCgroup() ? "systemd" : "cgroupfs") + ".");
            line("");
        }
        List<Step> steps = n.os() == OsFamily.WINDOWS ? WindowsSteps.of(n, kubectl) : LinuxSteps.of(n, kubectl);
        int i = 1;
        for (Step s : steps) {
            line((i++) + ". " + s.title() + ":");
            line("");
            line("```" + s.language());
            line(s.commands());
            line("```");
            line("");
        }
        if (n.audit() != null && !n.audit().other().isEmpty()) {
            line("Also on this node (node audit), to handle before Docker Engine is removed:");
            line("");
            for (Finding f : n.audit().other()) {
                String where = f.location() == null ? "" : " `" + f.location().file()
                        + (f.location().line() > 0 ? ":" + f.location().line() : "") + "`";
                line("- **" + f.ruleId() + "**" + where + ": " + f.message());
            }
            line("");
        }
    }

    private static String display(ObjectRef o) {
        return o.kind() + " " + (o.namespace() == null ? "" : o.namespace() + "/") + o.name();
    }

    private static String orUnknown(String s) {
        return s == null ? "unknown" : s;
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
