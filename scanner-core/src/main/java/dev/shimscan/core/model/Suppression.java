package dev.shimscan.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Why a finding is suppressed: an accepted dependency, still shown in the JSON report but never failing the run.
 *
 * @param source  {@code annotation} (the object's {@code shimscan.io/ignore}) or {@code config} (a
 *                {@code suppressions} entry of {@code .shimscan.yaml})
 * @param reason  the reason given ({@code shimscan.io/ignore-reason}, or the entry's required {@code reason});
 *                null for an annotation without one
 * @param origin  where the suppression is written: {@code Deployment ci/runner} for an annotation (the owner's,
 *                for a live pod), {@code .shimscan.yaml:14} for a config entry
 * @param expires the last day a config entry applies ({@code 2026-06-30}), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"source", "reason", "origin", "expires"})
public record Suppression(String source, String reason, String origin, String expires) {
    public static final String ANNOTATION = "annotation";
    public static final String CONFIG = "config";
}
