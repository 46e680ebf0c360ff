package dev.shimscan.core.rule;

import dev.shimscan.core.model.Severity;
import dev.shimscan.core.tree.NodeRef;

/**
 * What a rule reports: the node that is the evidence and a message; optionally the evidence text inside a
 * scalar (with its offset in the value, so a line inside a block scalar can be located), the container, a
 * severity other than the rule's default, and a remediation specific to this hit.
 */
public record Hit(NodeRef at, String message, String evidence, int evidenceOffset, String container,
                  Severity severity, String remediation) {

    public static Hit at(NodeRef node, String message) {
        return new Hit(node, message, null, -1, null, null, null);
    }

    /** The evidence is the whole scalar value of the node. */
    public Hit withEvidence(String text) {
        return new Hit(at, message, text, -1, container, severity, remediation);
    }

    /** The evidence is {@code text}, found at {@code offsetInValue} of the node's scalar value. */
    public Hit withEvidence(String text, int offsetInValue) {
        return new Hit(at, message, text, offsetInValue, container, severity, remediation);
    }

    public Hit withContainer(String name) {
        return new Hit(at, message, evidence, evidenceOffset, name, severity, remediation);
    }

    public Hit withSeverity(Severity s) {
        return new Hit(at, message, evidence, evidenceOffset, container, s, remediation);
    }

    public Hit withRemediation(String text) {
        return new Hit(at, message, evidence, evidenceOffset, container, severity, text);
    }
}
