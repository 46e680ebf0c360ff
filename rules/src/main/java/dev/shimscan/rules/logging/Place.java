package dev.shimscan.rules.logging;

import dev.shimscan.core.tree.NodeRef;

/**
 * Where a piece of evidence sits: a scalar node of the object, an offset inside the node's text value
 * ({@code 0} for a short value such as a custom resource field) and the length of the matched text.
 * For a config file held in a ConfigMap value the node is the value and the offset points at the line inside it.
 */
record Place(NodeRef node, int offset, int length) {

    static Place of(NodeRef node) {
        return new Place(node, 0, node.text().map(String::length).orElse(0));
    }

    /** The same node, {@code delta} chars further on. */
    Place shifted(int delta, int newLength) {
        return new Place(node, offset + delta, newLength);
    }
}
