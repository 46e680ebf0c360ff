package dev.shimscan.core.source.cluster;

import dev.shimscan.core.engine.ScanResult;
import dev.shimscan.core.report.Report;
import dev.shimscan.core.report.ReportBuilder;
import java.util.List;

/**
 * The outcome of a cluster audit: the findings and counts ({@link ScanResult}) and the cluster facts the
 * report shows besides them: nodes, what could not be read, what was not checked, one verdict per cluster.
 */
public record ClusterScan(ScanResult result, List<Report.NodeInfo> nodes, List<Report.Skipped> skipped,
                          List<Report.Skipped> notChecked, List<Report.ClusterSummary> clusters) {

    public Report toReport() {
        Report base = ReportBuilder.build(result);
        Report.Coverage coverage = new Report.Coverage(base.coverage().inspected(), skipped, base.coverage().errors(),
                notChecked);
        return new Report(base.schemaVersion(), base.tool(), base.scan(), base.summary(), base.findings(), nodes,
                coverage, clusters);
    }
}
