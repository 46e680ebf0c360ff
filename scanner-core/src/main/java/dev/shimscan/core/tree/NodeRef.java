package dev.shimscan.core.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A node of an object together with its path inside the object. Rules navigate with it, so every node they
 * report knows where it is; navigation never throws and never returns null (a missing child is
 * {@link #exists() absent}). The path of a child is built only when asked for: rules visit many nodes and
 * report few. Equal when node and path are equal.
 */
public final class NodeRef {
    private final JsonNode node;
    private final NodeRef parent;
    private final String key;
    private final int index;
    /** Null until first asked for a child's path; a race computes the same string twice, harmlessly. */
    private String path;

    public NodeRef(JsonNode node, String path) {
        this.node = Objects.requireNonNull(node, "node");
        this.path = Objects.requireNonNull(path, "path");
        this.parent = null;
        this.key = null;
        this.index = -1;
    }

    private NodeRef(JsonNode node, NodeRef parent, String key, int index) {
        this.node = node;
        this.parent = parent;
        this.key = key;
        this.index = index;
    }

    public static NodeRef root(JsonNode node) {
        return new NodeRef(node, "");
    }

    public JsonNode node() {
        return node;
    }

    /** The path inside the object: {@code spec.template.spec.volumes[2].hostPath.path}, {@code data["a.conf"]}. */
    public String path() {
        String p = path;
        if (p == null) {
            p = key != null ? ObjectPath.child(parent.path(), key) : ObjectPath.index(parent.path(), index);
            path = p;
        }
        return p;
    }

    public boolean exists() {
        return !node.isMissingNode() && !node.isNull();
    }

    public boolean isObject() {
        return node.isObject();
    }

    public boolean isArray() {
        return node.isArray();
    }

    /** True for a scalar that reads as text (strings, and numbers or booleans written in YAML). */
    public boolean isScalar() {
        return node.isValueNode();
    }

    public NodeRef get(String key) {
        JsonNode child = node.isObject() ? node.get(key) : null;
        return new NodeRef(child == null ? MissingNode.getInstance() : child, this, key, -1);
    }

    public NodeRef get(int index) {
        JsonNode child = node.isArray() ? node.get(index) : null;
        return new NodeRef(child == null ? MissingNode.getInstance() : child, this, null, index);
    }

    /** Follows keys one after the other: {@code ref.at("spec", "template", "spec")}. */
    public NodeRef at(String... keys) {
        NodeRef r = this;
        for (String k : keys) {
            r = r.get(k);
        }
        return r;
    }

    /** The scalar's text; empty when this is absent or not a scalar. */
    public Optional<String> text() {
        return node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** The scalar's text, or {@code fallback}. */
    public String textOr(String fallback) {
        return text().orElse(fallback);
    }

    /** The elements of an array, each with its path; empty for anything else. */
    public List<NodeRef> elements() {
        if (!node.isArray()) {
            return List.of();
        }
        List<NodeRef> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(new NodeRef(node.get(i), this, null, i));
        }
        return out;
    }

    /** The entries of a mapping in document order, each with its path; empty for anything else. */
    public List<Field> fields() {
        if (!node.isObject()) {
            return List.of();
        }
        List<Field> out = new ArrayList<>(node.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(new Field(e.getKey(), new NodeRef(e.getValue(), this, e.getKey(), -1)));
        }
        return out;
    }

    /** A mapping entry: its key and its value. */
    public record Field(String key, NodeRef value) {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeRef other && node.equals(other.node) && path().equals(other.path());
    }

    @Override
    public int hashCode() {
        return 31 * node.hashCode() + path().hashCode();
    }

    @Override
    public String toString() {
        return path().isEmpty() ? "(root)" : path();
    }
}
