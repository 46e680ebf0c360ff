package dev.shimscan.core.yaml;

/** Char offsets [start, end) of a node's source text in the whole file. */
public record Span(int start, int end) {
}
