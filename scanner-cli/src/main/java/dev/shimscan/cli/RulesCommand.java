package dev.shimscan.cli;

import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.rule.PluginRules;
import dev.shimscan.core.rule.Rule;
import dev.shimscan.core.rule.RuleMeta;
import dev.shimscan.core.rule.RuleRegistry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shimscan rules [ID]}: the rule catalog, or one rule's metadata and help. */
@Command(name = "rules",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Lists the rules (id, name, severity, sources, summary), or shows one rule in full with its help.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the rules were shown",
            "2:unknown rule id or bad option",
            "4:internal error"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  shimscan rules          list every rule",
            "  shimscan rules DS101    what DS101 finds, why it matters and how to fix it"})
final class RulesCommand implements Callable<Integer> {
    private static final List<String> HEADER = List.of("ID", "NAME", "SEVERITY", "SOURCES", "SUMMARY");

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "A rule id, e.g. DS101.")
    private String id;

    @Override
    public Integer call() {
        RuleRegistry registry = RuleRegistry.load();
        PrintWriter out = spec.commandLine().getOut();
        if (id == null) {
            list(out, registry.rules());
        } else {
            Rule rule = registry.byId(id.trim()).orElseThrow(() -> unknown(registry));
            show(out, rule);
        }
        out.flush();
        return ExitCode.CLEAN.code();
    }

    private static void list(PrintWriter out, List<Rule> rules) {
        if (rules.isEmpty()) {
            out.println("No rules are registered.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Rule r : rules) {
            RuleMeta m = r.meta();
            String plugin = PluginRules.active().jarOf(r).map(j -> " [plugin " + j.getFileName() + "]").orElse("");
            rows.add(List.of(m.id(), m.name(), m.severity().label(), sources(m), m.summary() + plugin));
        }
        int[] widths = new int[HEADER.size() - 1];
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length() + 2));
            }
            line.append(row.get(widths.length));
            out.println(line);
        }
    }

    private static void show(PrintWriter out, Rule rule) {
        RuleMeta m = rule.meta();
        out.println(m.id() + "  " + m.name());
        out.println();
        out.println("  severity     " + m.severity().label());
        out.println("  sources      " + sources(m));
        out.println("  summary      " + m.summary());
        out.println("  remediation  " + m.remediation());
        PluginRules.active().jarOf(rule).ifPresent(jar -> out.println("  plugin       " + jar));
        out.println();
        Optional<String> help = RuleRegistry.helpOf(rule);
        if (help.isPresent()) {
            String text = help.get();
            out.print(text.endsWith("\n") ? text : text + "\n");
        } else {
            out.println("(no help text is bundled for " + m.id() + ")");
        }
    }

    private static String sources(RuleMeta m) {
        return m.sources().stream().sorted(Comparator.naturalOrder())
                .map(SourceKind::catalogName).collect(Collectors.joining(", "));
    }

    private ParameterException unknown(RuleRegistry registry) {
        List<String> ids = registry.rules().stream().map(r -> r.meta().id()).toList();
        String known = ids.isEmpty() ? "no rules are registered" : "known rules: " + String.join(", ", ids);
        return new ParameterException(spec.commandLine(),
                "unknown rule '" + id + "' (" + known + "); 'shimscan rules' lists them with their summaries");
    }
}
