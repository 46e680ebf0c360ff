package dev.shimscan.cli.plan;

/** One step of a node's runbook: what it does and the commands, in a fenced block of {@code language}. */
record Step(String title, String language, String commands) {
}
