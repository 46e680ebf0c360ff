package dev.shimscan.cli.plan;

import java.util.Comparator;
import java.util.List;

/** Nodes that move the same way: same cluster, runtime state, kubelet version and OS image. */
public record NodeGroup(Key key, List<PlanNode> nodes) {

    /** Null parts are unknown. */
    public record Key(String cluster, RuntimeState state, String kubeletVersion, String osImage) {
        static final Comparator<Key> ORDER = Comparator
                .comparing(Key::state)
                .thenComparing(Key::cluster, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Key::kubeletVersion, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Key::osImage, Comparator.nullsLast(Comparator.naturalOrder()));
    }

    public OsFamily os() {
        return OsFamily.of(key.osImage());
    }
}
