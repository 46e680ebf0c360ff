package dev.shimscan.core.engine;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Location;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.resource.ClusterOrigin;
import dev.shimscan.core.resource.FileOrigin;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.tree.ObjectPath;
import dev.shimscan.core.yaml.PositionIndex;
import dev.shimscan.core.yaml.SourceText;

/** Turns a rule's hit on a resource into a finding with its position, evidence and fingerprint. */
final class FindingFactory {
    private FindingFactory() {
    }

    static Finding create(RuleMeta rule, Resource resource, Hit hit) {
        String evidence = hit.evidence() != null ? hit.evidence() : hit.at().text().orElse(null);
        int occurrence = occurrence(hit);
        Location location = null;
        String cluster = null;
        if (resource.origin() instanceof FileOrigin file) {
            location = locate(file, hit, occurrence);
        } else if (resource.origin() instanceof ClusterOrigin live) {
            cluster = live.cluster();
        }
        Severity severity = hit.severity() != null ? hit.severity() : rule.severity();
        String remediation = hit.remediation() != null ? hit.remediation() : rule.remediation();
        String fingerprint = Fingerprints.of(rule.id(), resource.ref(), hit.at().path(), evidence, occurrence);
        return new Finding(rule.id(), severity, hit.message(), resource.ref(), location,
                hit.at().path().isEmpty() ? null : hit.at().path(), hit.container(), evidence, remediation,
                cluster, null, null, fingerprint, false);
    }

    /** How many times the evidence appears in the value before the reported offset. */
    private static int occurrence(Hit hit) {
        if (hit.evidence() == null || hit.evidenceOffset() <= 0) {
            return 0;
        }
        String value = hit.at().text().orElse("");
        int count = 0;
        int from = 0;
        while (true) {
            int at = value.indexOf(hit.evidence(), from);
            if (at < 0 || at >= hit.evidenceOffset()) {
                return count;
            }
            count++;
            from = at + 1;
        }
    }

    private static Location locate(FileOrigin file, Hit hit, int occurrence) {
        PositionIndex index = file.positions();
        String path = ObjectPath.join(file.basePath(), hit.at().path());
        int offset = index.offsetOf(path, hit.evidence(), occurrence);
        SourceText text = index.source();
        return new Location(file.file(), text.lineOf(offset), text.columnOf(offset), file.documentIndex());
    }
}
