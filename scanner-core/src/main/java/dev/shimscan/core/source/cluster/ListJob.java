package dev.shimscan.core.source.cluster;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.time.Duration;
import dev.shimscan.core.engine.RuleProgress;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shimscan.core.engine.ResourceChecker;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ObjectRef;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.policy.OwnerIgnores;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.resource.ClusterOrigin;
import dev.shimscan.core.resource.Resource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * Reads one list (a resource type in one namespace, or in all) and checks each page as it arrives, the parts of a
 * large page side by side on the checker threads. It keeps only what the report needs: counts, the findings not
 * yet placed at their top-level owner ({@link ListFindings}), the controllers it saw (for owner resolution) and
 * what could not be read. The parts of a page are merged in page order, and the audit merges the jobs in a fixed
 * order once all are done, so the report does not depend on which thread finished first.
 */
final class ListJob implements Runnable {
    /** Pages are split into parts of at least this many objects to be checked side by side. */
    static final int MIN_PART = 32;

    /** How the objects of a list relate to owners. */
    enum Role {
        /** Nodes, ConfigMaps, kubelet configurations: each object is its own owner. */
        PLAIN,
        /** Controllers and custom resources: owned by other controllers, and owners of pods. */
        CONTROLLER,
        /** Pods: counted towards {@code podCount} of their top-level owner. */
        POD
    }

    /**
     * What every job of one cluster shares, all of it safe to use from several threads.
     *
     * @param checkers threads that check parts of a page while the job's own thread checks the first part; null:
     *                 the job's thread checks every object
     * @param parts    how many parts a large page is split into
     */
    record Context(String cluster, ClusterOrigin origin, ResourceChecker checker, ListPager pager,
                   AuditProgress progress, ExecutorService checkers, int parts) {
    }

    private record Controller(String uid, ObjectRef ref, OwnerLink owner) {
    }

    /** What the checks of consecutive objects leave behind. */
    private final class Segment {
        /** One thread at a time checks a segment: what it runs, for the audit's watchdog. */
        final RuleProgress progress = newProgress();
        final Map<String, Integer> inspected = new TreeMap<>();
        final List<ScanProblem> problems = new ArrayList<>();
        final List<Controller> controllers = new ArrayList<>();
        final ListFindings findings = new ListFindings();
        final OwnerIgnores ignores = new OwnerIgnores();

        void accept(ObjectNode item) {
            JsonNode meta = item.get("metadata");
            if (meta instanceof ObjectNode m) {
                m.remove("managedFields"); // bookkeeping of field owners: large, and no rule reads it
            }
            ObjectRef ref = Resource.identify(item);
            ignores.remember(item, ref);
            count(ref.kind());
            List<Finding> found = new ArrayList<>(0);
            context.checker().check(new Resource(ref, item, context.origin()), found, problems, progress);
            if (role == Role.PLAIN) {
                findings.addOwn(found, item, ref, new TopOwner(ref, null), false);
                return;
            }
            OwnerLink owner = OwnerIndex.linkOf(item, ref);
            if (role == Role.CONTROLLER) {
                controllers.add(new Controller(meta == null ? null : meta.path("uid").asText(""), ref, owner));
            }
            if (owner == null) {
                findings.addOwn(found, item, ref, TopOwner.of(ref), role == Role.POD);
            } else {
                findings.addOwned(found, item, ref, owner, role == Role.POD);
            }
        }

        void count(String kind) {
            inspected.merge(kind, 1, Integer::sum);
        }

        /** Appends what the objects right after this segment's left behind. */
        void append(Segment next) {
            next.inspected.forEach((k, v) -> inspected.merge(k, v, Integer::sum));
            problems.addAll(next.problems);
            controllers.addAll(next.controllers);
            findings.append(next.findings);
            ignores.addAll(next.ignores);
        }
    }

    private final Context context;
    private final ResourceType type;
    private final String namespace;
    private final Role role;
    private final Consumer<ObjectNode> also;
    /** What every segment of this list is running; finished segments stay, idle. */
    private final List<RuleProgress> progresses = new CopyOnWriteArrayList<>();
    private final Segment results = new Segment();
    private final List<Report.Skipped> skipped = new ArrayList<>();
    private Runnable then = () -> { };
    private String failure;

    /**
     * @param namespace the namespace to list, or null for all
     * @param also      told of each object, in list order, before it is checked (the node table)
     */
    ListJob(Context context, ResourceType type, String namespace, Role role, Consumer<ObjectNode> also) {
        this.context = context;
        this.type = type;
        this.namespace = namespace;
        this.role = role;
        this.also = also;
    }

    ListJob(Context context, ResourceType type, String namespace, Role role) {
        this(context, type, namespace, role, item -> { });
    }

    /** Work to do on the same thread once the list is read (kubelet configurations after the nodes). */
    ListJob then(Runnable next) {
        this.then = next;
        return this;
    }

    @Override
    public void run() {
        long[] seen = {0};
        try {
            context.pager().listPages(type, namespace, items -> {
                items.forEach(also);
                check(items);
                seen[0] += items.size();
                context.progress().reading(context.cluster(), type.kind(), seen[0]);
            });
        } catch (ApiStatusException e) {
            failure = ClusterAudit.reason(e, seen[0]);
        } catch (IOException | RuntimeException e) {
            failure = ClusterAudit.incompleteAfter(seen[0]) + ClusterAudit.message(e);
        }
        if (failure != null) {
            skip(type.kind(), skippedNamespace(), failure);
        }
        then.run();
    }

    /** Checks one page: its first part on this thread, the others on the checker threads, merged in order. */
    private void check(List<ObjectNode> items) {
        int parts = context.checkers() == null ? 1 : Math.min(context.parts(), items.size() / MIN_PART);
        if (parts <= 1) {
            Segment segment = new Segment();
            items.forEach(segment::accept);
            results.append(segment);
            return;
        }
        List<Segment> segments = new ArrayList<>(parts);
        List<FutureTask<?>> running = new ArrayList<>(parts - 1);
        for (int i = 0; i < parts; i++) {
            List<ObjectNode> part = items.subList(i * items.size() / parts, (i + 1) * items.size() / parts);
            Segment segment = new Segment();
            segments.add(segment);
            if (i > 0) {
                FutureTask<?> task = new FutureTask<>(() -> part.forEach(segment::accept), null);
                context.checkers().execute(task);
                running.add(task);
            }
        }
        try {
            items.subList(0, items.size() / parts).forEach(segments.get(0)::accept);
        } finally {
            await(running);
        }
        segments.forEach(results::append);
    }

    /** Waits for the other parts, checking here those no checker thread has started yet. */
    private static void await(List<FutureTask<?>> running) {
        RuntimeException failure = null;
        for (FutureTask<?> f : running) {
            try {
                f.run(); // does nothing when a checker thread has started (or finished) it
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new IllegalStateException("interrupted while checking", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                failure = failure != null ? failure : e.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException(e.getCause());
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private String skippedNamespace() {
        return namespace == null ? (type.namespaced() ? "*" : null) : namespace;
    }

    /** Checks an object that is its own owner and was not read through the list (a kubelet configuration). */
    void check(Resource resource) {
        List<Finding> found = new ArrayList<>(0);
        context.checker().check(resource, found, results.problems, results.progress);
        results.findings.addOwn(found, resource.body(), resource.ref(), new TopOwner(resource.ref(), null), false);
    }

    private RuleProgress newProgress() {
        RuleProgress p = new RuleProgress();
        progresses.add(p);
        return p;
    }

    /** A rule that has run on one object of this list for longer than {@code limit}, if any. */
    Optional<RuleProgress.Overrun> overrun(Duration limit) {
        for (RuleProgress p : progresses) {
            Optional<RuleProgress.Overrun> o = p.overrun(limit);
            if (o.isPresent()) {
                return o;
            }
        }
        return Optional.empty();
    }

    /** The coverage entry of this list when the audit gave up on it. */
    Report.Skipped abandoned(String reason) {
        return new Report.Skipped(type.kind(), skippedNamespace(), reason);
    }

    void skip(String kind, String namespace, String reason) {
        skipped.add(new Report.Skipped(kind, namespace, reason));
    }

    void count(String kind) {
        results.count(kind);
    }

    /** Why the list could not be read to its end, or null when it was. */
    String failure() {
        return failure;
    }

    Map<String, Integer> inspected() {
        return results.inspected;
    }

    List<ScanProblem> problems() {
        return results.problems;
    }

    List<Report.Skipped> skipped() {
        return skipped;
    }

    ListFindings findings() {
        return results.findings;
    }

    /** The {@code shimscan.io/ignore} annotations of the objects listed, for findings reported at them. */
    OwnerIgnores ignores() {
        return results.ignores;
    }

    /** Adds the controllers this list saw, in the order it saw them. */
    void rememberControllers(OwnerIndex owners) {
        for (Controller c : results.controllers) {
            owners.remember(c.uid(), c.ref(), c.owner());
        }
    }
}
