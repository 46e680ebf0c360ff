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
 */
public record FileScan(String file, List<Finding> findings, List<ScanProblem> problems,
                       Map<String, Integer> objectsByKind, int documentsSkipped) {
}
