package dev.shimscan.rules.daemonjson;

import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Hit;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import java.util.Set;

/**
 * DS502: every other setting of a Docker {@code daemon.json} (the node's, or one shipped in a ConfigMap), each with
 * its containerd or kubelet equivalent, or "no equivalent needed" ({@link SettingAdvice}). A setting that changes how
 * pods or the node behave until its equivalent is configured is a warning; one whose equivalent is optional, or that
 * needs none, is a note. One finding per setting, at its key.
 */
public final class DaemonJsonSettingsRule implements Rule {
    public static final RuleMeta META = new RuleMeta("DS502", "daemon-json-settings", Severity.WARNING,
            Set.of(SourceKind.HOST, SourceKind.MANIFEST),
            "Other daemon.json settings that need a containerd or kubelet equivalent: exec-opts cgroup driver, "
                    + "default-runtime/runtimes, log-driver/log-opts, data-root, storage-driver, "
                    + "max-concurrent-downloads, proxies; each with its equivalent.",
            "Carry each setting over to /etc/containerd/config.toml or the kubelet's config file as the finding says, "
                    + "then restart containerd and the kubelet; settings marked 'no equivalent needed' can be dropped.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /** Keywords: a ConfigMap value is a daemon.json only under a key ending in daemon.json or with a Docker-only setting. */
    @Override
    public Keywords keywords() {
        return DaemonJsonTexts.KEYWORDS;
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        for (DaemonJsonTexts.Text t : DaemonJsonTexts.of(resource)) {
            for (DaemonJson.Entry e : t.json().entries()) {
                SettingAdvice a = SettingAdvice.of(e.key(), e.value());
                if (a == null) {
                    continue;
                }
                String message = t.where() + ": '" + e.key() + "' " + a.what() + "; " + switch (a.need()) {
                    case EQUIVALENT -> "containerd ignores daemon.json, so configure the equivalent before Docker "
                            + "Engine goes";
                    case OPTIONAL -> "an equivalent exists if you still want it";
                    case NONE -> "nothing to carry over";
                };
                String advice = capitalized(a.advice());
                Hit hit = t.hit(e, message).withRemediation(advice.endsWith("\n") ? advice.strip() : advice + ".");
                ctx.report(a.need() == SettingAdvice.Need.EQUIVALENT ? hit : hit.withSeverity(Severity.NOTE));
            }
        }
    }

    /** "No equivalent needed: ..." as a sentence; advice that starts with a name (containerd, kubelet) stays as is. */
    private static String capitalized(String s) {
        return s.startsWith("no ") ? "N" + s.substring(1) : s;
    }
}
