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
import dev.shimscan.core.yaml.Span;

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
            location = locate(file, hit.at().path(), evidence, occurrence);
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

    private static Location locate(FileOrigin file, String nodePath, String evidence, int occurrence) {
        PositionIndex index = file.positions();
        String path = ObjectPath.join(file.basePath(), nodePath);
        Span region = index.regionOf(path, evidence, occurrence);
        SourceText text = index.source();
        int line = text.lineOf(region.start());
        int column = text.columnOf(region.start());
        int endColumn = Math.max(column + 1, text.columnOf(region.end()));
        return new Location(file.file(), line, column, line, endColumn, file.documentIndex());
    }
}
