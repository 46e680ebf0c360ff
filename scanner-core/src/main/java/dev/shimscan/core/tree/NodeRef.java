package dev.shimscan.core.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node of an object together with its path inside the object. Rules navigate with it, so every node they
 * report knows where it is; navigation never throws and never returns null (a missing child is
 * {@link #exists() absent}).
 */
public record NodeRef(JsonNode node, String path) {

    public static NodeRef root(JsonNode node) {
        return new NodeRef(node, "");
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
        return new NodeRef(child == null ? MissingNode.getInstance() : child, ObjectPath.child(path, key));
    }

    public NodeRef get(int index) {
        JsonNode child = node.isArray() ? node.get(index) : null;
        return new NodeRef(child == null ? MissingNode.getInstance() : child, ObjectPath.index(path, index));
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
            out.add(new NodeRef(node.get(i), ObjectPath.index(path, i)));
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
            out.add(new Field(e.getKey(), new NodeRef(e.getValue(), ObjectPath.child(path, e.getKey()))));
        }
        return out;
    }

    /** A mapping entry: its key and its value. */
    public record Field(String key, NodeRef value) {
    }

    @Override
    public String toString() {
        return path.isEmpty() ? "(root)" : path;
    }
}
