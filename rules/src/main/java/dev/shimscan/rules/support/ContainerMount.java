package dev.shimscan.rules.support;

/** A volume mount together with the container that declares it. */
public record ContainerMount(ContainerRef container, MountRef mount) {
}
