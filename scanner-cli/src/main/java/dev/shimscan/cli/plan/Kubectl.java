package dev.shimscan.cli.plan;

/** kubectl command lines, with {@code --context} when the report names the node's cluster. */
record Kubectl(String context) {
    String cmd(String args) {
        return "kubectl " + args + (context == null ? "" : " --context " + context);
    }
}
