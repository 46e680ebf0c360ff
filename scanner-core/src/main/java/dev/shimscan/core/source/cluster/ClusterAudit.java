package dev.shimscan.core.source.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shimscan.core.engine.ResourceChecker;
import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ObjectRef;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.policy.OwnerIgnores;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.resource.ClusterOrigin;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Rule;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Audits live clusters, read-only: lists nodes, workload controllers, pods, ConfigMaps and the custom resources
 * worth reading, page by page, runs the rules on each object as it arrives and keeps only the findings (at their
 * top-level owner), small owner maps and the node table. A type that cannot be read (403, 404, a server that keeps
 * failing) becomes a {@code coverage.skipped} entry and the audit goes on.
 */
public final class ClusterAudit {
    /**
     * Controllers, owners first: a Job's CronJob and a ReplicaSet's Deployment are read before them, all before
     * the pods. ReplicaSets and Jobs go last so that their owners (Rollouts and other custom resources included)
     * are known.
     */
    static final List<ResourceType> CONTROLLERS = List.of(ResourceType.CRON_JOBS, ResourceType.DEPLOYMENTS,
            ResourceType.DAEMON_SETS, ResourceType.STATEFUL_SETS, ResourceType.REPLICATION_CONTROLLERS,
            ResourceType.POD_TEMPLATES, ResourceType.REPLICA_SETS, ResourceType.JOBS);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Rule> rules;
    private final AuditOptions options;
    private final AuditProgress progress;
    private final Clock clock;
    private final Sleeper sleeper;

    public ClusterAudit(List<Rule> rules, AuditOptions options, AuditProgress progress, Clock clock, Sleeper sleeper) {
        this.rules = List.copyOf(rules);
        this.options = options;
        this.progress = progress;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Audits every target in turn.
     *
     * @throws ClusterUnreachableException when not one target could be reached
     */
    public ClusterScan run(List<ClusterTarget> targets) throws ClusterUnreachableException {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        ResourceChecker checker = new ResourceChecker(rules, SourceKind.CLUSTER);
        List<Finding> findings = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        Map<String, Integer> inspected = new TreeMap<>();
        List<Report.NodeInfo> nodes = new ArrayList<>();
        List<Report.Skipped> skipped = new ArrayList<>();
        List<Report.Skipped> notChecked = new ArrayList<>();
        List<Report.ClusterSummary> summaries = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        try {
            for (ClusterTarget target : targets) {
                Run run = new Run(target.name(), checker);
                try {
                    run.audit(target);
                } catch (UnreachableCluster e) {
                    unreachable.add(target.name() + ": " + e.getMessage());
                    skipped.add(new Report.Skipped("*", null, "cluster " + target.name() + " unreachable: "
                            + e.getMessage()));
                    continue;
                }
                findings.addAll(run.ignores.apply(run.findings.results()));
                problems.addAll(run.problems);
                run.inspected.forEach((k, v) -> inspected.merge(k, v, Integer::sum));
                nodes.addAll(run.nodes == null ? List.of() : run.nodes);
                skipped.addAll(run.skipped);
                notChecked.addAll(run.notChecked);
                summaries.add(Verdict.of(target.name(), run.serverVersion, run.nodes, run.nodesUnreadable));
            }
        } finally {
            progress.finished();
        }
        if (unreachable.size() == targets.size()) {
            throw new ClusterUnreachableException(String.join("; ", unreachable));
        }
        findings.sort(Finding.ORDER);
        problems.sort(ScanProblem.ORDER);
        nodes.sort(Comparator.comparing((Report.NodeInfo n) -> n.cluster() == null ? "" : n.cluster())
                .thenComparing(Report.NodeInfo::name));
        long durationMs = (System.nanoTime() - t0) / 1_000_000;
        ScanResult result = new ScanResult(SourceKind.CLUSTER, targets.stream().map(ClusterTarget::name).toList(),
                started, durationMs, checker.rules().stream().map(Rule::meta).toList(), List.copyOf(findings),
                List.copyOf(problems), inspected, 0, 0, List.of());
        return new ClusterScan(result, List.copyOf(nodes), List.copyOf(skipped), dedupe(notChecked),
                List.copyOf(summaries));
    }

    private static List<Report.Skipped> dedupe(List<Report.Skipped> list) {
        return list.stream().distinct().toList();
    }

    /** The connection failed before anything was read. */
    private static final class UnreachableCluster extends Exception {
        UnreachableCluster(String message) {
            super(message);
        }
    }

    /** The audit of one cluster. */
    private final class Run {
        private final String cluster;
        private final ResourceChecker checker;
        private final ClusterOrigin origin;
        private final OwnerIndex owners = new OwnerIndex();
        private final WorkloadFindings findings = new WorkloadFindings();
        private final OwnerIgnores ignores = new OwnerIgnores();
        private final List<ScanProblem> problems = new ArrayList<>();
        private final Map<String, Integer> inspected = new TreeMap<>();
        private final List<Report.Skipped> skipped = new ArrayList<>();
        private final List<Report.Skipped> notChecked = new ArrayList<>();
        private List<Report.NodeInfo> nodes;
        private String nodesUnreadable;
        private String serverVersion;
        private ListPager pager;
        KubeApi api;

        Run(String cluster, ResourceChecker checker) {
            this.cluster = cluster;
            this.checker = checker;
            this.origin = new ClusterOrigin(cluster);
        }

        void audit(ClusterTarget target) throws UnreachableCluster {
            connect(target);
            readNodes();
            if (options.customResources()) {
                for (ResourceType type : customResourceTypes()) {
                    listAll(type, true, false);
                }
            } else {
                notChecked.add(new Report.Skipped("custom resources", null, "not read: --no-custom-resources"));
            }
            for (ResourceType type : CONTROLLERS) {
                listAll(type, true, false);
            }
            listAll(ResourceType.PODS, true, true);
            if (options.configMaps()) {
                listAll(ResourceType.CONFIGMAPS, false, false);
            } else {
                notChecked.add(new Report.Skipped("ConfigMap", null, "not read: --no-configmaps"));
            }
        }

        private void connect(ClusterTarget target) throws UnreachableCluster {
            try {
                api = new KubeApi(target.connector().connect(options.requestTimeout()), options.retry(), sleeper);
            } catch (IOException | RuntimeException e) {
                throw new UnreachableCluster("cannot set up the client: " + message(e));
            }
            pager = new ListPager(api, options.pageSize());
            try {
                // a short probe first: an unreachable server fails the cluster fast instead of after every retry
                ClusterTarget.Connector connector = target.connector();
                RetryPolicy probe = new RetryPolicy(2, options.retry().initialBackoff(), options.retry().maxBackoff(),
                        options.retry().maxTotalWait());
                serverVersion = new Discovery(new KubeApi(connector.connect(options.requestTimeout()), probe, sleeper))
                        .serverVersion();
            } catch (ApiStatusException e) {
                if (e.status() == 401) {
                    throw new UnreachableCluster("the API server refused the credentials (HTTP 401)");
                }
                serverVersion = null; // /version forbidden or missing: the lists will tell
            } catch (IOException | RuntimeException e) {
                throw new UnreachableCluster(message(e));
            }
        }

        private List<ResourceType> customResourceTypes() {
            try {
                return new Discovery(api).customResourceTypes();
            } catch (IOException | RuntimeException e) {
                skipped.add(new Report.Skipped("custom resources", null, "discovery failed: " + message(e)));
                return List.of();
            }
        }

        private void readNodes() {
            List<Report.NodeInfo> read = new ArrayList<>();
            List<String> names = new ArrayList<>();
            boolean complete = listAll(ResourceType.NODES, false, false, node -> {
                Report.NodeInfo info = NodeFacts.of(node, cluster);
                read.add(info);
                names.add(info.name());
            });
            nodes = read;
            if (!complete) {
                nodesUnreadable = skipped.isEmpty() ? "error" : skipped.get(skipped.size() - 1).reason();
                if (read.isEmpty()) {
                    nodes = null;
                }
            }
            if (options.kubeletConfig()) {
                readKubeletConfigs(names);
            } else {
                notChecked.add(new Report.Skipped("KubeletConfiguration", null,
                        "kubelet configuration (DS403) not checked: run with --kubelet-config "
                                + "(needs get on nodes/proxy)"));
            }
        }

        /** DS403 through the node proxy; the first 403 ends it (the permission is cluster-wide). */
        private void readKubeletConfigs(List<String> names) {
            long read = 0;
            for (String name : names) {
                try {
                    ObjectNode body = KubeletConfigs.asObject(name, KubeletConfigs.fetch(api, name));
                    if (body != null) {
                        count(KubeletConfigs.KIND);
                        check(new Resource(KubeletConfigs.ref(name), body, origin), new TopOwner(
                                KubeletConfigs.ref(name), null), false);
                    }
                    progress.reading(cluster, KubeletConfigs.KIND, ++read);
                } catch (ApiStatusException e) {
                    if (e.forbidden()) {
                        skip(KubeletConfigs.KIND, null, "forbidden (needs get on nodes/proxy)"
                                + (read > 0 ? " after " + read + " nodes" : ""));
                        return;
                    }
                    skip(KubeletConfigs.KIND + " of node " + name, null, reason(e, 0));
                } catch (IOException | RuntimeException e) {
                    skip(KubeletConfigs.KIND + " of node " + name, null, message(e));
                }
            }
        }

        void check(Resource resource, TopOwner top, boolean isPod) {
            List<Finding> found = new ArrayList<>();
            checker.check(resource, found, problems);
            findings.add(found, resource.body(), resource.ref(), top, isPod);
        }

        void skip(String kind, String namespace, String reason) {
            skipped.add(new Report.Skipped(kind, namespace, reason));
        }

        void count(String kind) {
            inspected.merge(kind, 1, Integer::sum);
        }

        private boolean listAll(ResourceType type, boolean followOwners, boolean isPod) {
            return listAll(type, followOwners, isPod, item -> { });
        }

        /** Lists a type in every namespace asked for; returns false when some list failed. */
        private boolean listAll(ResourceType type, boolean followOwners, boolean isPod, Consumer<ObjectNode> also) {
            List<String> namespaces = type.namespaced() && !options.namespaces().isEmpty()
                    ? options.namespaces() : java.util.Collections.singletonList(null);
            boolean complete = true;
            for (String ns : namespaces) {
                long[] seen = {0};
                try {
                    pager.list(type, ns, item -> {
                        also.accept(item);
                        accept(item, followOwners, isPod);
                        if (++seen[0] % options.pageSize() == 0) {
                            progress.reading(cluster, type.kind(), seen[0]);
                        }
                    });
                    progress.reading(cluster, type.kind(), seen[0]);
                } catch (ApiStatusException e) {
                    complete = false;
                    skipped.add(new Report.Skipped(type.kind(), ns == null ? (type.namespaced() ? "*" : null) : ns,
                            reason(e, seen[0])));
                } catch (IOException | RuntimeException e) {
                    complete = false;
                    skipped.add(new Report.Skipped(type.kind(), ns == null ? (type.namespaced() ? "*" : null) : ns,
                            (seen[0] > 0 ? "incomplete after " + seen[0] + " items: " : "") + message(e)));
                }
            }
            return complete;
        }

        private void accept(ObjectNode item, boolean followOwners, boolean isPod) {
            JsonNode meta = item.get("metadata");
            if (meta instanceof ObjectNode m) {
                m.remove("managedFields"); // bookkeeping of field owners: large, and no rule reads it
            }
            ObjectRef ref = Resource.identify(item);
            ignores.remember(item, ref);
            count(ref.kind());
            Resource resource = new Resource(ref, item, origin);
            TopOwner top = followOwners ? owners.topOwnerOf(item, ref) : new TopOwner(ref, null);
            if (followOwners && !isPod) {
                owners.remember(item, top);
            }
            check(resource, top, isPod);
        }
    }

    static String reason(ApiStatusException e, long itemsBefore) {
        String why = switch (e.status()) {
            case 401, 403 -> "forbidden";
            case 404 -> "not served by this cluster";
            default -> e.getMessage();
        };
        return itemsBefore > 0 ? "incomplete after " + itemsBefore + " items: " + why : why;
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    static ObjectMapper json() {
        return JSON;
    }
}
