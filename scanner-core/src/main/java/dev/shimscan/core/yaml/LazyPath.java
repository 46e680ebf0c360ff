package dev.shimscan.core.yaml;

import dev.shimscan.core.tree.ObjectPath;

/**
 * The object path of a node being parsed ({@code spec.volumes[0].hostPath}), spelt out only when asked for: a
 * document's positions are looked up only when a rule reports something in it, which most parsed documents never
 * see, so building every node's path string up front was wasted work (docs/benchmarks.md).
 */
final class LazyPath {
    static final LazyPath ROOT = new LazyPath(null, null, -1, "");

    private final LazyPath parent;
    private final String key;
    private final int index;
    private String text;

    private LazyPath(LazyPath parent, String key, int index, String text) {
        this.parent = parent;
        this.key = key;
        this.index = index;
        this.text = text;
    }

    LazyPath child(String childKey) {
        return new LazyPath(this, childKey, -1, null);
    }

    LazyPath element(int elementIndex) {
        return new LazyPath(this, null, elementIndex, null);
    }

    /** The path as {@link ObjectPath} spells it. */
    @Override
    public String toString() {
        if (text == null) {
            text = key != null ? ObjectPath.child(parent.toString(), key) : ObjectPath.index(parent.toString(), index);
        }
        return text;
    }
}
