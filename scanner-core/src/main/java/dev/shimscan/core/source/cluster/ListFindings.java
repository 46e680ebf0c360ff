package dev.shimscan.core.source.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ObjectRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of one list, gathered while it is read, before every owner is known (lists are read side by side,
 * so a pod may come before its ReplicaSet). Findings are kept by the owner reference their object names, its rule,
 * place and evidence, with the number of pods that share them: the pods of one ReplicaSet with the same
 * dependency take one entry, not one per pod. Where a finding sits at its top-level owner depends on whether that
 * owner has a pod template, so an owned object's findings are kept under both forms of their place and
 * {@link #replay} takes the form that fits once the owner is resolved. The object itself is not kept.
 */
final class ListFindings {
    /** What the findings of one key have in common: the first one, its object, and the pods that had it. */
    private static final class Pending {
        final long order;
        final Finding finding;
        final ObjectRef object;
        final String relative;
        final boolean isPod;
        int pods;
        String lastPod;

        Pending(long order, Finding finding, ObjectRef object, String relative, boolean isPod) {
            this.order = order;
            this.finding = finding;
            this.object = object;
            this.relative = relative;
            this.isPod = isPod;
        }

        void count(String podId) {
            if (podId != null && !podId.equals(lastPod)) {
                pods++;
                lastPod = podId;
            }
        }
    }

    /** {@code target}: the known {@link TopOwner}, or the {@link OwnerLink} to resolve. */
    private record Key(Object target, String cluster, String ruleId, String place, String evidence) {
    }

    private record Chosen(Key key, Pending pending, TopOwner top) {
    }

    /** Objects whose top-level owner was known when they were read (themselves): the place is final. */
    private final Map<Key, Pending> known = new LinkedHashMap<>();
    /** Owned objects: the place if the top-level owner has a pod template (a Deployment, a CronJob). */
    private final Map<Key, Pending> templated = new LinkedHashMap<>();
    /** Owned objects: the place if it has none (a Workflow): the object's own path. */
    private final Map<Key, Pending> untemplated = new LinkedHashMap<>();
    private long order;

    /** Adds the findings of an object that is its own top-level owner ({@code top}). */
    void addOwn(List<Finding> findings, JsonNode object, ObjectRef ref, TopOwner top, boolean isPod) {
        add(findings, object, ref, top, null, isPod);
    }

    /** Adds the findings of an object owned by {@code owner}, whose top-level owner is resolved later. */
    void addOwned(List<Finding> findings, JsonNode object, ObjectRef ref, OwnerLink owner, boolean isPod) {
        add(findings, object, ref, null, owner, isPod);
    }

    private void add(List<Finding> findings, JsonNode object, ObjectRef ref, TopOwner top, OwnerLink owner,
                     boolean isPod) {
        if (findings.isEmpty()) {
            return;
        }
        String ownPrefix = PodTemplatePaths.prefixOf(ref.kind());
        JsonNode template = ownPrefix == null ? null : at(object, ownPrefix);
        String podId = isPod ? ref.namespace() + "/" + ref.name() : null;
        for (Finding f : findings) {
            long n = order++;
            String relative = PodTemplatePaths.relative(f.path(), ownPrefix);
            String path = "=" + f.path(); // the place of a finding an owner without a known template takes as is
            String stable = relative == null ? path : PodTemplatePaths.stableKey(relative, template);
            if (top != null) {
                boolean self = top.ref().equals(ref);
                String place = !self && top.templatePrefix() == null ? path : stable;
                pending(known, new Key(top, f.cluster(), f.ruleId(), place, f.evidence()), n, f, ref, relative, isPod)
                        .count(podId);
            } else {
                pending(templated, new Key(owner, f.cluster(), f.ruleId(), stable, f.evidence()), n, f, ref,
                        relative, isPod).count(podId);
                pending(untemplated, new Key(owner, f.cluster(), f.ruleId(), path, f.evidence()), n, f, ref,
                        relative, isPod).count(podId);
            }
        }
    }

    private static Pending pending(Map<Key, Pending> map, Key key, long order, Finding f, ObjectRef ref,
                                   String relative, boolean isPod) {
        Pending p = map.get(key);
        if (p == null) {
            p = new Pending(order, f, ref, relative, isPod);
            map.put(key, p);
        }
        return p;
    }

    /**
     * Hands the findings to {@code into} at their top-level owners, in the order they were found, so that the
     * first finding of each place is the one reported, as if the objects had been checked one by one.
     */
    void replay(OwnerIndex owners, WorkloadFindings into) {
        List<Chosen> chosen = new ArrayList<>(known.size() + templated.size());
        known.forEach((key, p) -> chosen.add(new Chosen(key, p, (TopOwner) key.target())));
        Map<OwnerLink, TopOwner> tops = new LinkedHashMap<>();
        templated.forEach((key, p) -> {
            TopOwner top = tops.computeIfAbsent((OwnerLink) key.target(), owners::resolve);
            if (top.templatePrefix() != null) {
                chosen.add(new Chosen(key, p, top));
            }
        });
        untemplated.forEach((key, p) -> {
            TopOwner top = tops.computeIfAbsent((OwnerLink) key.target(), owners::resolve);
            if (top.templatePrefix() == null) {
                chosen.add(new Chosen(key, p, top));
            }
        });
        chosen.sort(Comparator.comparingLong(c -> c.pending().order));
        for (Chosen c : chosen) {
            Pending p = c.pending();
            into.add(p.finding, p.object, p.relative, c.key().place(), c.top(), p.isPod, p.pods);
        }
    }

    /**
     * Adds the findings of {@code later} (gathered from the objects right after this one's, e.g. the next part of
     * a page checked on another thread) as if they had been added here one by one.
     */
    void append(ListFindings later) {
        long offset = order;
        append(known, later.known, offset);
        append(templated, later.templated, offset);
        append(untemplated, later.untemplated, offset);
        order += later.order;
    }

    private static void append(Map<Key, Pending> into, Map<Key, Pending> from, long offset) {
        from.forEach((key, p) -> {
            Pending existing = into.get(key);
            if (existing == null) {
                Pending moved = new Pending(offset + p.order, p.finding, p.object, p.relative, p.isPod);
                moved.pods = p.pods;
                moved.lastPod = p.lastPod;
                into.put(key, moved);
            } else {
                existing.pods += p.pods; // a pod is in one part only: the counts add up
            }
        });
    }

    /** How many entries are kept (for tests). */
    int size() {
        return known.size() + templated.size();
    }

    private static JsonNode at(JsonNode object, String prefix) {
        JsonNode node = object;
        for (Object segment : PodTemplatePaths.parse(prefix)) {
            node = node.path((String) segment);
        }
        return node;
    }
}
