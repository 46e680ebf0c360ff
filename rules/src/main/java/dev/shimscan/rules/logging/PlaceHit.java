package dev.shimscan.rules.logging;

import dev.shimscan.core.model.Severity;
import dev.shimscan.core.rule.Hit;

/**
 * What a config check found, before it becomes a {@link Hit}: the place, the message, the change to make and,
 * where it differs from the rule's default, the severity.
 */
record PlaceHit(Place place, String message, String remediation, Severity severity) {

    static PlaceHit of(Place place, String message, String remediation) {
        return new PlaceHit(place, message, remediation, null);
    }

    PlaceHit withSeverity(Severity s) {
        return new PlaceHit(place, message, remediation, s);
    }

    /** The line (or matched text) of the value the hit points at. */
    Evidence evidence() {
        return Evidence.at(place.node().text().orElse(""), place.offset(), place.length());
    }

    Hit toHit() {
        Evidence e = evidence();
        Hit hit = Hit.at(place.node(), message).withEvidence(e.text(), e.offset());
        if (remediation != null) {
            hit = hit.withRemediation(remediation);
        }
        return severity == null ? hit : hit.withSeverity(severity);
    }
}
