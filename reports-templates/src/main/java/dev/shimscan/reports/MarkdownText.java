package dev.shimscan.reports;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;
import java.util.List;

/**
 * Text made safe for GitHub-flavoured Markdown, also inside table cells: one line, pipes escaped, Markdown and
 * HTML punctuation backslash-escaped or entity-encoded, so a finding's message cannot open a link, an image, a
 * tag or a new table column. Exposed to Markdown templates as {@code md(text)} and {@code code(text)}.
 */
final class MarkdownText {
    private MarkdownText() {
    }

    /** Plain text: every character that means something in Markdown or HTML is escaped. */
    static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r', '\n', '\t' -> sb.append(' ');
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '|' -> sb.append("\\|");
                case '\\', '`', '*', '_', '[', ']', '~' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * An inline code span that holds {@code s} verbatim: fenced with one backtick more than the longest run inside,
     * padded when it starts or ends with a backtick; pipes escaped for tables (GitHub unescapes them in code).
     */
    static String code(String s) {
        String one = s.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
        if (one.isEmpty()) {
            return "";
        }
        int longest = 0;
        int run = 0;
        for (int i = 0; i < one.length(); i++) {
            run = one.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = one.startsWith("`") || one.endsWith("`") ? " " : "";
        return fence + pad + one.replace("|", "\\|") + pad + fence;
    }

    /** {@code md(text)} in templates. */
    static final TemplateMethodModelEx TEXT = args -> text(argument(args, "md"));

    /** {@code code(text)} in templates. */
    static final TemplateMethodModelEx CODE = args -> code(argument(args, "code"));

    private static String argument(List<?> args, String name) throws TemplateModelException {
        if (args.size() != 1 || !(args.get(0) instanceof TemplateScalarModel scalar)) {
            throw new TemplateModelException(name + "(text) takes one string");
        }
        return scalar.getAsString();
    }
}
