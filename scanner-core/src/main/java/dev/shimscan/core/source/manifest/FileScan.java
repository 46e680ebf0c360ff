package dev.shimscan.core.source.manifest;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import java.util.List;
import java.util.Map;

/**
 * What scanning one file produced.
 *
 * @param objectsByKind      Kubernetes objects checked, by kind
 * @param documentsSkipped   documents that are not Kubernetes objects (no apiVersion/kind), e.g. Helm values
 * @param parsed             false when the file was read but not parsed: its text holds no keyword of an
 *                           enabled rule (see {@link KeywordFilter})
 */
public record FileScan(String file, List<Finding> findings, List<ScanProblem> problems,
                       Map<String, Integer> objectsByKind, int documentsSkipped, boolean parsed) {

    public FileScan(String file, List<Finding> findings, List<ScanProblem> problems,
                    Map<String, Integer> objectsByKind, int documentsSkipped) {
        this(file, findings, problems, objectsByKind, documentsSkipped, true);
    }

    /** A file read and found to hold no keyword of an enabled rule. */
    static FileScan notParsed(String file) {
        return new FileScan(file, List.of(), List.of(), Map.of(), 0, false);
    }
}
