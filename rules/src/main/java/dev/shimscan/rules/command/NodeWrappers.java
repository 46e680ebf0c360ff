package dev.shimscan.rules.command;

/** How messages describe a command run through {@code nsenter} or {@code chroot} (node-debug pods). */
final class NodeWrappers {
    private NodeWrappers() {
    }

    /** {@code in the node's namespaces} for nsenter, {@code in the node's root file system} for chroot. */
    static String where(String wrapper) {
        return wrapper.equals("chroot") ? "in the node's root file system" : "in the node's namespaces";
    }
}
