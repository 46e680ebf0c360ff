package dev.shimscan.core.policy;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Suppression;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * One {@code suppressions} entry of {@code .shimscan.yaml}: the findings it accepts (rule glob, object globs,
 * optional file glob), why, and until when.
 *
 * @param rule     glob over rule ids and names, as written
 * @param object   kind, namespace and name globs
 * @param file     glob over file paths relative to the configuration file's directory, or null for any
 * @param reason   why the findings are accepted (required)
 * @param expires  the last day the entry applies, or null for no end
 * @param origin   where it is written: {@code .shimscan.yaml:14}
 */
public record SuppressionEntry(Glob rule, ObjectSelector object, Glob file, String reason, LocalDate expires,
                               String origin) {

    /** True on the days after {@code expires}. */
    public boolean expiredOn(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }

    /**
     * True when the entry covers the finding.
     *
     * @param relativeFile the finding's file relative to the configuration file's directory, or null (stdin, live
     *                     objects)
     */
    public boolean matches(Finding f, Function<Finding, String> relativeFile) {
        if (!rule.matches(f.ruleId()) || !object.matches(f.object())) {
            return false;
        }
        return file == null || file.matches(relativeFile.apply(f));
    }

    public Suppression suppression() {
        return new Suppression(Suppression.CONFIG, reason, origin, expires == null ? null : expires.toString());
    }
}
