package dev.shimscan.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code shimscan(1)} in troff ({@code man -l docs/man/shimscan.1}), written from the picocli model the help is
 * printed from: synopsis, description, options, examples and exit codes of the top command and of every
 * subcommand. No date and no version in it, so the committed page only changes when the commands do.
 */
final class ManPage {
    private final StringBuilder out = new StringBuilder();

    private ManPage() {
    }

    static String of(CommandLine root) {
        ManPage page = new ManPage();
        CommandSpec spec = root.getCommandSpec();
        page.raw(".TH SHIMSCAN 1 \"\" \"shimscan\" \"User Commands\"");
        page.raw(".SH NAME");
        page.raw("shimscan \\- find everything in a Kubernetes estate that still depends on Docker Engine");
        page.command(root, ".SH");
        page.raw(".SH COMMANDS");
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            if (!(e.getValue().getCommand() instanceof CommandLine.HelpCommand)) {
                page.raw(".SS \"" + escape(spec.name() + " " + e.getKey()) + "\"");
                page.command(e.getValue(), ".SS");
            }
        }
        page.raw(".SH SEE ALSO");
        page.text("shimscan rules ID prints a rule's page; docs/rules.md lists every rule; shimscan completion bash "
                + "prints the completion script.");
        return page.out.toString();
    }

    private void command(CommandLine cmd, String heading) {
        CommandSpec spec = cmd.getCommandSpec();
        Help help = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF));
        boolean top = heading.equals(".SH");
        raw(top ? ".SH SYNOPSIS" : ".PP");
        raw(".nf");
        text(help.synopsis(0).strip());
        raw(".fi");
        if (top) {
            raw(".SH DESCRIPTION");
        }
        for (String line : spec.usageMessage().description()) {
            if (line.isBlank()) {
                continue;
            }
            raw(".PP");
            text(line);
        }
        List<PositionalParamSpec> params = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        List<OptionSpec> options = spec.options().stream().filter(o -> !o.hidden()).toList();
        if (!params.isEmpty() || !options.isEmpty()) {
            raw(top ? ".SH OPTIONS" : ".PP");
            if (!top) {
                text("Options:");
            }
        }
        for (PositionalParamSpec p : params) {
            raw(".TP");
            raw("\\fI" + escape(p.paramLabel()) + "\\fR");
            text(describe(p.description(), p.defaultValue(), p.completionCandidates()));
        }
        for (OptionSpec o : options) {
            raw(".TP");
            String label = o.typeInfo().isBoolean() ? "" : " \\fI" + escape(o.paramLabel()) + "\\fR";
            raw("\\fB" + escape(String.join(", ", o.names())) + "\\fR" + label);
            text(describe(o.description(), o.defaultValue(), o.completionCandidates()));
        }
        String[] footer = spec.usageMessage().footer();
        if (footer.length > 0) {
            raw(top ? ".SH EXAMPLES" : ".PP");
            if (!top) {
                text("Examples:");
            }
            raw(".nf");
            for (String line : footer) {
                text(line.replace("%n", ""));
            }
            raw(".fi");
        }
        Map<String, String> codes = spec.usageMessage().exitCodeList();
        if (!codes.isEmpty()) {
            raw(top ? ".SH EXIT STATUS" : ".PP");
            if (!top) {
                text("Exit codes:");
            }
            for (Map.Entry<String, String> c : codes.entrySet()) {
                raw(".TP");
                raw(escape(c.getKey().strip()));
                text(c.getValue());
            }
        }
    }

    private static String describe(String[] description, String defaultValue, Iterable<String> candidates) {
        String text = String.join(" ", description);
        if (defaultValue != null) {
            text = text.replace("${DEFAULT-VALUE}", defaultValue);
        }
        if (candidates != null && text.contains("${COMPLETION-CANDIDATES}")) {
            text = text.replace("${COMPLETION-CANDIDATES}", String.join(", ", candidates));
        }
        return text;
    }

    /** Lines of text: escaped, none starting with a control character. */
    private void text(String text) {
        for (String line : text.split("\n", -1)) {
            String e = escape(line);
            if (e.startsWith(".") || e.startsWith("'")) {
                e = "\\&" + e;
            }
            out.append(e).append('\n');
        }
    }

    private void raw(String line) {
        out.append(line).append('\n');
    }

    static String escape(String s) {
        return s.replace("\\", "\\e").replace("-", "\\-");
    }
}
