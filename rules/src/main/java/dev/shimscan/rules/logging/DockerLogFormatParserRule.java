package dev.shimscan.rules.logging;

import dev.shimscan.rules.support.DockerKeywords;
import dev.shimscan.core.rule.Keyword;
import dev.shimscan.core.rule.Keywords;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleContext;
import dev.shimscan.core.rule.RuleMeta;
import java.util.Set;

/**
 * DS701: a log pipeline config that parses Docker's JSON log format or reads Docker's own logs, held in a ConfigMap
 * (or Secret {@code stringData}), in a multi-line string field of any object, in the fields of Fluent Bit
 * operator / Logging operator custom resources, or in a log agent's config file on a node (host source). Formats: Fluent Bit classic and YAML ({@link FluentBitCheck}),
 * Fluentd ({@link FluentdCheck}), Promtail, Filebeat and Vector YAML ({@link StructuredPipelineCheck}), Vector TOML
 * and Grafana Alloy ({@link PlainTextPipelineCheck}). Each finding sits on the line of the setting inside the
 * embedded file and names the CRI-format replacement.
 */
public final class DockerLogFormatParserRule implements Rule {
    public static final RuleMeta META = new RuleMeta("DS701", "docker-log-format-parser", Severity.WARNING,
            Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER, SourceKind.HOST),
            "A log pipeline config (Fluent Bit, Fluentd, Promtail, Filebeat, Vector) parses Docker's JSON log "
                    + "format or reads Docker's own logs (docker.service journal unit, /var/log/docker.log).",
            "Parse the CRI log format that containerd and CRI-O write: Fluent Bit `multiline.parser docker, cri`, "
                    + "Fluentd `<parse> @type cri`, Promtail `cri: {}`, Filebeat `type: container`, Vector "
                    + "`kubernetes_logs`; collect the containerd.service journal unit instead of docker.service.");

    @Override
    public RuleMeta meta() {
        return META;
    }

    /**
     * Keywords: a config is read only when it names docker or the container log directories
     * (LogPipelineAnalyzer.worthReading, DockerLogSources.readsContainerLogs); the findings name Docker parsers,
     * stages, inputs and units, or JSON parsing of those directories; or the image whose built-in config parses
     * them (FluentdImageDefaultsCheck: its name holds the last keyword whichever registry it comes from).
     */
    @Override
    public Keywords keywords() {
        return Keywords.anyOf(DockerKeywords.DOCKER_WORD, Keyword.of("var/log/containers"), Keyword.of("var/log/pods"),
                Keyword.of("fluentd-kubernetes-daemonset"));
    }

    @Override
    public void check(Resource resource, RuleContext ctx) {
        for (PlaceHit hit : LogPipelineAnalyzer.analyze(resource)) {
            ctx.report(hit.toHit());
        }
        FluentdImageDefaultsCheck.check(resource, ctx).forEach(ctx::report);
    }
}
