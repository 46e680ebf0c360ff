package dev.shimscan.core.resource;

import dev.shimscan.core.yaml.PositionIndex;

/**
 * A resource read from a file (or stdin, {@code file = "-"}).
 *
 * @param file          the path as the user named it
 * @param documentIndex 0-based index of the YAML document in the file
 * @param basePath      path of the resource inside its document: empty, or {@code items[3]} for a List item
 * @param positions     the document's position index
 */
public record FileOrigin(String file, int documentIndex, String basePath, PositionIndex positions) implements Origin {
}
