package dev.shimscan.core.report;

import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Location;
import dev.shimscan.core.model.ObjectRef;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A small report with one value of each kind a manifest scan's report holds, for renderers to prepare on
 * ({@link Renderer#prepare}).
 */
public final class SampleReport {
    private SampleReport() {
    }

    public static Report create() {
        ObjectRef object = new ObjectRef("v1", "Pod", "default", "sample");
        Finding finding = new Finding("DS000", Severity.NOTE, "sample", object,
                new Location("sample.yaml", 1, 1, 1, 2, 0), "spec", "c", "e", "r", null, object, 1, "f", false);
        ScanResult result = new ScanResult(SourceKind.MANIFEST, List.of("sample.yaml"), Instant.EPOCH, 0, List.of(),
                List.of(finding), List.of(ScanProblem.at("sample.yaml", 1, 1, ScanProblem.Type.PARSE, "sample")),
                Map.of("Pod", 1), 1, 0, List.of(), 0);
        return ReportBuilder.build(result);
    }
}
