package dev.shimscan.core.resource;

/** Where a resource was read from; the engine uses it to turn a node path into a position. */
public sealed interface Origin permits FileOrigin, ClusterOrigin {
}
