package dev.shimscan.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where scanned objects come from. */
public enum SourceKind {
    /** Files on disk or stdin: YAML/JSON manifests. */
    MANIFEST("manifests"),
    /** Live objects read through the Kubernetes API. */
    CLUSTER("cluster"),
    /** A node's filesystem. */
    HOST("host");

    private final String reportName;

    SourceKind(String reportName) {
        this.reportName = reportName;
    }

    /** The name used in the report's {@code scan.source} field. */
    @JsonValue
    public String reportName() {
        return reportName;
    }

    /** The name used in the rule catalog's "sources" column. */
    public String catalogName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SourceKind fromCatalogName(String name) {
        for (SourceKind k : values()) {
            if (k.catalogName().equals(name.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown source '" + name + "'");
    }
}
