package dev.shimscan.core.yaml;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One YAML document (or the single value of a JSON file): its tree, its 0-based index in the file and the
 * positions of every node.
 */
public record ParsedDocument(int index, JsonNode root, PositionIndex positions) {
}
