package dev.shimscan.core.engine;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.policy.IgnoreAnnotation;
import dev.shimscan.core.resource.FileOrigin;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs every enabled rule that applies to a source on one resource. A rule that throws becomes a
 * {@link ScanProblem} naming the rule and the object; the other rules still run. Thread-safe.
 */
public final class ResourceChecker {
    private final List<Rule> rules;
    private final SourceKind source;

    public ResourceChecker(List<Rule> rules, SourceKind source) {
        this.rules = rules.stream().filter(r -> r.meta().sources().contains(source)).toList();
        this.source = source;
    }

    public List<Rule> rules() {
        return rules;
    }

    /**
     * Runs the rules on {@code resource}, adding its findings to {@code findings}; those its own
     * {@code shimscan.io/ignore} annotation covers are added suppressed.
     */
    public void check(Resource resource, List<Finding> findings, List<ScanProblem> problems) {
        check(resource, findings, problems, null);
    }

    /** {@link #check(Resource, List, List)}, telling {@code progress} (when not null) which rule runs. */
    public void check(Resource resource, List<Finding> findings, List<ScanProblem> problems, RuleProgress progress) {
        check(resource, findings, problems, progress, RuleSelection.ALL);
    }

    /**
     * {@link #check(Resource, List, List, RuleProgress)} with only the rules of {@code selection} (see
     * {@link RuleSelection}; bit {@code i} is rule {@code i} of {@link #rules()}), e.g. those whose keywords the
     * resource's file holds: the others cannot fire on it.
     */
    public void check(Resource resource, List<Finding> findings, List<ScanProblem> problems, RuleProgress progress,
                      long selection) {
        check(resource, List.of(), findings, problems, progress, selection);
    }

    /**
     * {@link #check(Resource, List, List, RuleProgress, long)} of one object among {@code sameFile}, the objects read
     * from its file (see {@link RuleContext#sameFile()}).
     */
    public void check(Resource resource, List<Resource> sameFile, List<Finding> findings, List<ScanProblem> problems,
                      RuleProgress progress, long selection) {
        dropLastAppliedConfiguration(resource);
        int first = findings.size();
        Map<String, Object> shared = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            if (!RuleSelection.includes(selection, i)) {
                continue;
            }
            Rule rule = rules.get(i);
            Context ctx = new Context(rule, resource, sameFile, findings, shared);
            if (progress != null) {
                progress.started(rule.meta().id(), resource.ref());
            }
            try {
                rule.check(resource, ctx);
            } catch (RuntimeException | StackOverflowError e) {
                problems.add(new ScanProblem(fileOf(resource), null, null, ScanProblem.Type.RULE_ERROR,
                        "rule " + rule.meta().id() + " failed on " + resource.ref().display() + ": "
                                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                        rule.meta().id()));
            }
            if (ctx.left > 0) {
                problems.add(new ScanProblem(fileOf(resource), null, null, ScanProblem.Type.LIMIT,
                        "rule " + rule.meta().id() + " found " + (MAX_FINDINGS_PER_RULE_AND_OBJECT + ctx.left)
                                + " dependencies in " + resource.ref().display() + "; the first "
                                + MAX_FINDINGS_PER_RULE_AND_OBJECT + " are listed, " + ctx.left + " are left out",
                        rule.meta().id()));
            }
        }
        if (progress != null) {
            progress.finished();
        }
        if (findings.size() > first) {
            IgnoreAnnotation.of(resource.body(), resource.ref()).ifPresent(a -> a.applyTo(findings, first));
        }
    }

    private static String fileOf(Resource resource) {
        return resource.origin() instanceof FileOrigin f ? f.file() : null;
    }

    /**
     * At most this many findings of one rule on one object are kept: a pathological object (a script with a Docker
     * command on each of its million lines) must not fill the heap with findings; the rest are counted in a
     * {@code limit} problem, so nothing is lost silently.
     */
    static final int MAX_FINDINGS_PER_RULE_AND_OBJECT = 1_000;

    private final class Context implements RuleContext {
        private final Rule rule;
        private final Resource resource;
        private final List<Resource> sameFile;
        private final List<Finding> sink;
        private final Map<String, Object> shared;
        private int reported;
        /** Hits beyond {@link #MAX_FINDINGS_PER_RULE_AND_OBJECT}, not kept. */
        private int left;

        Context(Rule rule, Resource resource, List<Resource> sameFile, List<Finding> sink, Map<String, Object> shared) {
            this.rule = rule;
            this.resource = resource;
            this.sameFile = sameFile;
            this.sink = sink;
            this.shared = shared;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T shared(String key, Supplier<T> compute) {
            Object value = shared.get(key);
            if (value == null) {
                value = compute.get();
                shared.put(key, value);
            }
            return (T) value;
        }

        @Override
        public SourceKind source() {
            return source;
        }

        @Override
        public List<Resource> sameFile() {
            return sameFile;
        }

        @Override
        public void report(Hit hit) {
            if (reported == MAX_FINDINGS_PER_RULE_AND_OBJECT) {
                left++;
                return;
            }
            reported++;
            sink.add(FindingFactory.create(rule.meta(), resource, hit));
        }
    }

    /** kubectl's copy of the applied object: every dependency in it is already in the object itself. */
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    /**
     * Removes {@value #LAST_APPLIED} from the object before the rules see it: it is a JSON copy of the object, so
     * any rule reading strings (DS106, DS701, ...) would report every dependency a second time, inside the copy.
     */
    private static void dropLastAppliedConfiguration(Resource resource) {
        if (resource.body().path("metadata").path("annotations") instanceof com.fasterxml.jackson.databind.node.ObjectNode a) {
            a.remove(LAST_APPLIED);
        }
    }
}
