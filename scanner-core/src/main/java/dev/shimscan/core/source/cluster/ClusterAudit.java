package dev.shimscan.core.source.cluster;

import dev.shimscan.core.engine.RuleTimeout;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shimscan.core.engine.ResourceChecker;
import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.policy.OwnerIgnores;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.resource.ClusterOrigin;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Rule;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Audits live clusters, read-only: lists nodes, workload controllers, pods, ConfigMaps and the custom resources
 * worth reading, page by page, runs the rules on each object as it arrives and keeps only the findings (grouped by
 * owner), small owner maps and the node table. Independent lists are read side by side, at most
 * {@link AuditOptions#maxRequests()} requests in flight, each list fetching its next page while the current one is
 * checked; the report is the same whatever order they finish in. A type that cannot be read (403, 404, a server
 * that keeps failing, a request that times out, a malformed response) becomes a {@code coverage.skipped} entry and
 * the audit goes on. A cluster whose API server cannot be reached at all (refused, TLS, credentials rejected) is
 * one {@code coverage.skipped} entry naming its context and server, and when no cluster of the run could be
 * reached, {@link ClusterUnreachableException}.
 */
public final class ClusterAudit {
    /**
     * The controllers, in the order their findings are merged (owners before what they own, as a user reads
     * them); the lists themselves are read side by side and owners are resolved once all have been read.
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
    private final RuleTimeout ruleTimeout;

    public ClusterAudit(List<Rule> rules, AuditOptions options, AuditProgress progress, Clock clock, Sleeper sleeper) {
        this(rules, options, synchronizedProgress(progress), clock, sleeper, RuleTimeout.DEFAULT);
    }

    private ClusterAudit(List<Rule> rules, AuditOptions options, AuditProgress progress, Clock clock, Sleeper sleeper,
                         RuleTimeout ruleTimeout) {
        this.rules = List.copyOf(rules);
        this.options = options;
        this.progress = progress;
        this.clock = clock;
        this.sleeper = sleeper;
        this.ruleTimeout = ruleTimeout;
    }

    /**
     * The same audit with another limit on one rule's run on one object. A rule that overruns it is left running
     * on its thread (Java cannot stop it): the list it was checking is dropped from the report and named in
     * {@code coverage.skipped}, a new list worker takes the place of the one left behind, and the audit goes on.
     */
    public ClusterAudit withRuleTimeout(Duration timeout) {
        return new ClusterAudit(rules, options, progress, clock, sleeper, new RuleTimeout(timeout));
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
                    String why = "context " + target.name() + (run.server == null ? "" : " (server " + run.server + ")")
                            + ": " + e.getMessage();
                    unreachable.add(why);
                    skipped.add(new Report.Skipped("*", null, "cannot audit " + why));
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
            throw new ClusterUnreachableException(unreachable);
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
        private final WorkloadFindings findings = new WorkloadFindings();
        private final OwnerIgnores ignores = new OwnerIgnores();
        private final List<ScanProblem> problems = new ArrayList<>();
        private final Map<String, Integer> inspected = new TreeMap<>();
        private final List<Report.Skipped> skipped = new ArrayList<>();
        private final List<Report.Skipped> notChecked = new ArrayList<>();
        private List<Report.NodeInfo> nodes;
        private String nodesUnreadable;
        private String serverVersion;
        /** The API server's address, for messages (never with credentials); null until the client is built. */
        private String server;
        KubeApi api;

        Run(String cluster, ResourceChecker checker) {
            this.cluster = cluster;
            this.checker = checker;
            this.origin = new ClusterOrigin(cluster);
        }

        /**
         * Connects, then reads every list on a pool of {@code maxRequests} list workers (each list fetches its next
         * page while checking the current one, so at most {@code maxRequests} requests are in flight), longest
         * lists first, and merges what the lists found in a fixed order: nodes, custom resources, controllers,
         * pods, ConfigMaps. Owners are resolved once all controllers are known.
         */
        void audit(ClusterTarget target) throws UnreachableCluster {
            connect(target);
            if (!options.kubeletConfig()) {
                notChecked.add(new Report.Skipped("KubeletConfiguration", null,
                        "kubelet configuration (DS403) not checked: run with --kubelet-config "
                                + "(needs get on nodes/proxy)"));
            }
            if (!options.customResources()) {
                notChecked.add(new Report.Skipped("custom resources", null, "not read: --no-custom-resources"));
            }
            if (!options.configMaps()) {
                notChecked.add(new Report.Skipped("ConfigMap", null, "not read: --no-configmaps"));
            }
            ThreadPoolExecutor workers = pool(options.maxRequests(), "list");
            ExecutorService fetches = pool(options.maxRequests(), "fetch");
            int cores = Runtime.getRuntime().availableProcessors();
            ExecutorService checkers = cores > 1 ? pool(cores - 1, "check") : null;
            try {
                ListJob.Context context = new ListJob.Context(cluster, origin, checker,
                        new ListPager(api, options.pageSize(), fetches), progress, checkers, cores);
                List<Report.NodeInfo> nodeInfos = new ArrayList<>();
                ListJob nodeJob = new ListJob(context, ResourceType.NODES, null, ListJob.Role.PLAIN,
                        node -> nodeInfos.add(NodeFacts.of(node, cluster)));
                if (options.kubeletConfig()) {
                    nodeJob.then(() -> readKubeletConfigs(nodeJob, nodeInfos));
                }
                List<ListJob> controllers = new ArrayList<>();
                for (ResourceType type : CONTROLLERS) {
                    controllers.addAll(jobs(context, type, ListJob.Role.CONTROLLER));
                }
                List<ListJob> pods = jobs(context, ResourceType.PODS, ListJob.Role.POD);
                List<ListJob> configMaps = options.configMaps()
                        ? jobs(context, ResourceType.CONFIGMAPS, ListJob.Role.PLAIN) : List.of();
                CustomResources custom = new CustomResources(context, workers);

                List<Future<?>> running = new ArrayList<>();
                List<ListJob> runningJobs = new ArrayList<>(); // the job of each future, null for the discovery
                for (ListJob job : pods) {
                    running.add(workers.submit(job));
                    runningJobs.add(job);
                }
                running.add(workers.submit(nodeJob));
                runningJobs.add(nodeJob);
                for (ListJob job : configMaps) {
                    running.add(workers.submit(job));
                    runningJobs.add(job);
                }
                if (options.customResources()) {
                    running.add(workers.submit(custom));
                    runningJobs.add(null);
                }
                for (ListJob job : controllers) {
                    running.add(workers.submit(job));
                    runningJobs.add(job);
                }
                // the custom resource lists join as discovery submits them
                Watchdog watchdog = new Watchdog(List.of(runningJobs.stream().filter(j -> j != null).toList(),
                        custom.jobs), workers);
                watchdog.await(running, runningJobs);
                watchdog.await(custom.running, custom.jobs); // complete: the discovery that submitted them has ended

                nodes = nodeInfos;
                if (nodeJob.failure() != null) {
                    nodesUnreadable = nodeJob.failure();
                    if (nodeInfos.isEmpty()) {
                        nodes = null;
                    }
                }
                boolean nodesAbandoned = watchdog.abandoned.containsKey(nodeJob);
                if (nodesAbandoned) {
                    nodes = null;
                    nodesUnreadable = watchdog.abandoned.get(nodeJob);
                } else {
                    merge(nodeJob);
                }
                if (custom.failure != null) {
                    skipped.add(custom.failure);
                }
                List<ListJob> rest = new ArrayList<>(custom.jobs);
                rest.addAll(controllers);
                rest.addAll(pods);
                rest.addAll(configMaps);
                for (ListJob job : rest) {
                    String reason = watchdog.abandoned.get(job);
                    if (reason != null) {
                        skipped.add(job.abandoned(reason));
                    }
                }
                if (nodesAbandoned) {
                    skipped.add(nodeJob.abandoned(watchdog.abandoned.get(nodeJob)));
                }
                rest.removeIf(watchdog.abandoned::containsKey);
                rest.forEach(this::merge);
                resolveOwners(nodesAbandoned ? null : nodeJob, rest);
            } finally {
                workers.shutdownNow();
                fetches.shutdownNow();
                if (checkers != null) {
                    checkers.shutdownNow();
                }
            }
        }

        /**
         * Waits for the lists; while waiting, gives up on a list whose rule has run on one object for longer than
         * the limit: the list is no longer waited for, and the pool of list workers grows by one in place of the
         * worker left behind.
         */
        private final class Watchdog {
            private final List<List<ListJob>> jobs;
            private final ThreadPoolExecutor workers;
            /** The lists given up on, with the reason. */
            final Map<ListJob, String> abandoned = new java.util.concurrent.ConcurrentHashMap<>();

            Watchdog(List<List<ListJob>> jobs, ThreadPoolExecutor workers) {
                this.jobs = jobs;
                this.workers = workers;
            }

            /** Waits for each future in turn; {@code jobOf} holds the job of each (null: not a list). */
            void await(List<Future<?>> futures, List<ListJob> jobOf) {
                Duration poll = ruleTimeout.poll();
                for (int i = 0; i < futures.size(); i++) {
                    ListJob job = i < jobOf.size() ? jobOf.get(i) : null;
                    while (job == null || !abandoned.containsKey(job)) {
                        try {
                            awaitAll(List.of(futures.get(i)), poll);
                            break;
                        } catch (TimeoutException e) {
                            giveUpOnOverruns();
                        }
                    }
                }
            }

            private void giveUpOnOverruns() {
                for (ListJob job : jobs.stream().flatMap(List::stream).toList()) {
                    if (abandoned.containsKey(job)) {
                        continue;
                    }
                    job.overrun(ruleTimeout.limit()).ifPresent(o -> {
                        abandoned.put(job, ruleTimeout.describe(o) + "; the rest of this list was not audited");
                        workers.setMaximumPoolSize(workers.getMaximumPoolSize() + 1);
                        workers.setCorePoolSize(workers.getCorePoolSize() + 1);
                    });
                }
            }
        }

        /** One job per namespace asked for (one for all when none was). */
        private List<ListJob> jobs(ListJob.Context context, ResourceType type, ListJob.Role role) {
            List<ListJob> jobs = new ArrayList<>();
            for (String ns : namespacesOf(type)) {
                jobs.add(new ListJob(context, type, ns, role));
            }
            return jobs;
        }

        private List<String> namespacesOf(ResourceType type) {
            return type.namespaced() && !options.namespaces().isEmpty()
                    ? options.namespaces() : java.util.Collections.singletonList(null);
        }

        /** Discovery of the custom resource types worth reading, then one job per type (and namespace). */
        private final class CustomResources implements Runnable {
            private final ListJob.Context context;
            private final ExecutorService workers;
            final List<ListJob> jobs = new CopyOnWriteArrayList<>();
            final List<Future<?>> running = new CopyOnWriteArrayList<>();
            Report.Skipped failure;

            CustomResources(ListJob.Context context, ExecutorService workers) {
                this.context = context;
                this.workers = workers;
            }

            @Override
            public void run() {
                List<ResourceType> types;
                try {
                    types = new Discovery(api).customResourceTypes();
                } catch (IOException | RuntimeException e) {
                    failure = new Report.Skipped("custom resources", null, "discovery failed: " + message(e));
                    return;
                }
                for (ResourceType type : types) {
                    for (ListJob job : jobs(context, type, ListJob.Role.CONTROLLER)) {
                        jobs.add(job);
                        running.add(workers.submit(job));
                    }
                }
            }
        }

        /** Counts, problems and what could not be read, list by list in the fixed order. */
        private void merge(ListJob job) {
            problems.addAll(job.problems());
            job.inspected().forEach((k, v) -> inspected.merge(k, v, Integer::sum));
            skipped.addAll(job.skipped());
            ignores.addAll(job.ignores());
        }

        /**
         * The findings of every list at their top-level owners, resolved against every controller read, handed
         * over in list order as if the lists had been read one after the other.
         */
        private void resolveOwners(ListJob nodeJob, List<ListJob> rest) {
            OwnerIndex owners = new OwnerIndex();
            for (ListJob job : rest) {
                job.rememberControllers(owners);
            }
            if (nodeJob != null) {
                nodeJob.findings().replay(owners, findings);
            }
            for (ListJob job : rest) {
                job.findings().replay(owners, findings);
            }
        }

        private void connect(ClusterTarget target) throws UnreachableCluster {
            io.kubernetes.client.openapi.ApiClient client;
            try {
                client = target.connector().connect(options.requestTimeout());
                api = new KubeApi(client, options.retry(), sleeper);
            } catch (IOException | RuntimeException e) {
                throw new UnreachableCluster("cannot set up the client: " + message(e));
            }
            server = withoutUserInfo(client.getBasePath());
            try {
                // a short probe first: an unreachable server fails the cluster fast instead of after every retry;
                // same client, so the lists reuse its connection
                RetryPolicy probe = new RetryPolicy(2, options.retry().initialBackoff(), options.retry().maxBackoff(),
                        options.retry().maxTotalWait());
                serverVersion = new Discovery(new KubeApi(client, probe, sleeper)).serverVersion();
            } catch (ApiStatusException e) {
                if (e.status() == 401) {
                    throw new UnreachableCluster("credentials rejected (HTTP 401): the token or client certificate "
                            + "of context " + cluster + " has expired or is not valid for this cluster");
                }
                serverVersion = null; // /version forbidden or missing: the lists will tell
            } catch (MalformedResponseException e) {
                serverVersion = null; // the lists will tell
            } catch (RequestFailedException e) {
                throw new UnreachableCluster(e.failure().description());
            } catch (IOException | RuntimeException e) {
                throw new UnreachableCluster(message(e));
            }
        }

        /** DS403 through the node proxy, after the node list; the first 403 ends it (the permission is cluster-wide). */
        private void readKubeletConfigs(ListJob job, List<Report.NodeInfo> nodeInfos) {
            long read = 0;
            for (Report.NodeInfo node : nodeInfos) {
                String name = node.name();
                try {
                    ObjectNode body = KubeletConfigs.asObject(name, KubeletConfigs.fetch(api, name));
                    if (body != null) {
                        job.count(KubeletConfigs.KIND);
                        job.check(new Resource(KubeletConfigs.ref(name), body, origin));
                    }
                    progress.reading(cluster, KubeletConfigs.KIND, ++read);
                } catch (ApiStatusException e) {
                    if (e.forbidden()) {
                        job.skip(KubeletConfigs.KIND, null, "forbidden (needs get on nodes/proxy)"
                                + (read > 0 ? " after " + read + " nodes" : ""));
                        return;
                    }
                    job.skip(KubeletConfigs.KIND + " of node " + name, null, reason(e, 0));
                } catch (IOException | RuntimeException e) {
                    job.skip(KubeletConfigs.KIND + " of node " + name, null, message(e));
                }
            }
        }
    }



    /** Waits for every job; a job reports its own failures, so only an Error can come out of one. */
    private static void awaitAll(List<Future<?>> jobs, Duration timeout) throws TimeoutException {
        for (Future<?> job : jobs) {
            try {
                job.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the cluster was being read", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /**
     * A fixed pool of daemon threads (a request stuck until its timeout, or a rule that never returns, never keeps
     * the process alive).
     */
    private static ThreadPoolExecutor pool(int threads, String name) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "shimscan-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Progress from several list workers, one call at a time. */
    private static AuditProgress synchronizedProgress(AuditProgress progress) {
        return new AuditProgress() {
            @Override
            public synchronized void reading(String cluster, String kind, long itemsSoFar) {
                progress.reading(cluster, kind, itemsSoFar);
            }

            @Override
            public synchronized void finished() {
                progress.finished();
            }
        };
    }

    /** Why a list could not be read, for {@code coverage.skipped}: short words for 401, 403 and 404. */
    static String reason(ApiStatusException e, long itemsBefore) {
        String why = switch (e.status()) {
            case 401 -> "credentials rejected (HTTP 401)";
            case 403 -> "forbidden";
            case 404 -> "not found (HTTP 404): not served by this cluster";
            default -> e.getMessage();
        };
        return incompleteAfter(itemsBefore) + why;
    }

    /** {@code incomplete after 3 items: }, or nothing when no item was read. */
    static String incompleteAfter(long items) {
        return items == 0 ? "" : "incomplete after " + items + (items == 1 ? " item: " : " items: ");
    }

    /** {@code https://host:port/path} without a {@code user:password@} part. */
    static String withoutUserInfo(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (uri.getRawUserInfo() == null) {
                return url;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (IllegalArgumentException | URISyntaxException e) {
            return "(an address that is not a URL)";
        }
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    static ObjectMapper json() {
        return JSON;
    }
}
