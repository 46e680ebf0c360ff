package dev.shimscan.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small Markdown subset the rules' help text uses, turned into HTML: headings, paragraphs, bullet and
 * numbered lists, fenced code blocks, block quotes, pipe tables, and inline code, bold, italics and links.
 * Everything is HTML-escaped first; only the tags this class writes itself reach the output, and links keep
 * only {@code http}, {@code https}, relative and {@code #} targets. It is not a general Markdown parser and
 * does not need to be: the input is the project's own help text, and anything it does not know stays visible
 * as escaped text.
 */
public final class MarkdownHtml {
    private static final Pattern HEADING = Pattern.compile("(#{1,6})\\s+(.*?)\\s*#*\\s*");
    private static final Pattern BULLET = Pattern.compile("(\\s*)[-*+]\\s+(.*)");
    private static final Pattern NUMBERED = Pattern.compile("(\\s*)\\d{1,9}[.)]\\s+(.*)");
    private static final Pattern FENCE = Pattern.compile("\\s*(`{3,}|~{3,})\\s*([\\w+-]*).*");
    private static final Pattern TABLE_RULE = Pattern.compile("\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)\\s]+)\\)");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(\\S(?:.*?\\S)?)\\*\\*");
    private static final Pattern ITALIC = Pattern.compile("(?<![\\w*])\\*(\\S(?:[^*]*?\\S)?)\\*(?![\\w*])");
    private static final Pattern SAFE_URL = Pattern.compile("(https?://|#|\\.{0,2}/|[\\w.-]+(/|\\.md|#|$))[^\\s\"'<>]*",
            Pattern.CASE_INSENSITIVE);

    private final int headingOffset;

    /** @param headingOffset added to heading levels ({@code #} becomes {@code h(1+offset)}), capped at h6 */
    public MarkdownHtml(int headingOffset) {
        this.headingOffset = headingOffset;
    }

    public String render(String markdown) {
        List<String> lines = markdown.replace("\r\n", "\n").replace('\r', '\n').lines().toList();
        StringBuilder out = new StringBuilder();
        List<String> paragraph = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                flush(out, paragraph);
                i = codeBlock(out, lines, i, fence.group(1), fence.group(2));
                continue;
            }
            if (line.isBlank()) {
                flush(out, paragraph);
                i++;
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                flush(out, paragraph);
                int level = Math.min(6, h.group(1).length() + headingOffset);
                out.append("<h").append(level).append('>').append(inline(h.group(2))).append("</h").append(level)
                        .append(">\n");
                i++;
                continue;
            }
            if (BULLET.matcher(line).matches() || NUMBERED.matcher(line).matches()) {
                flush(out, paragraph);
                i = list(out, lines, i);
                continue;
            }
            if (line.startsWith(">")) {
                flush(out, paragraph);
                List<String> quoted = new ArrayList<>();
                while (i < lines.size() && lines.get(i).startsWith(">")) {
                    quoted.add(lines.get(i).substring(1).stripLeading());
                    i++;
                }
                out.append("<blockquote>\n").append(render(String.join("\n", quoted))).append("</blockquote>\n");
                continue;
            }
            if (line.stripLeading().startsWith("|") && i + 1 < lines.size() && TABLE_RULE.matcher(lines.get(i + 1)).matches()) {
                flush(out, paragraph);
                i = table(out, lines, i);
                continue;
            }
            paragraph.add(line.strip());
            i++;
        }
        flush(out, paragraph);
        return out.toString();
    }

    private void flush(StringBuilder out, List<String> paragraph) {
        if (!paragraph.isEmpty()) {
            out.append("<p>").append(inline(String.join("\n", paragraph))).append("</p>\n");
            paragraph.clear();
        }
    }

    private static int codeBlock(StringBuilder out, List<String> lines, int start, String fence, String lang) {
        int i = start + 1;
        StringBuilder code = new StringBuilder();
        while (i < lines.size() && !lines.get(i).strip().startsWith(fence)) {
            code.append(lines.get(i)).append('\n');
            i++;
        }
        out.append("<pre><code");
        if (!lang.isEmpty()) {
            out.append(" class=\"language-").append(escape(lang)).append('"');
        }
        out.append('>').append(escape(code.toString())).append("</code></pre>\n");
        return Math.min(lines.size(), i + 1);
    }

    /** A list, with items that continue on indented lines; a nested list inside an item is rendered inside it. */
    private int list(StringBuilder out, List<String> lines, int start) {
        boolean numbered = NUMBERED.matcher(lines.get(start)).matches();
        int indent = indentOf(lines.get(start));
        String tag = numbered ? "ol" : "ul";
        out.append('<').append(tag).append(">\n");
        int i = start;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher m = numbered ? NUMBERED.matcher(line) : BULLET.matcher(line);
            if (!m.matches() || indentOf(line) != indent) {
                break;
            }
            List<String> item = new ArrayList<>();
            item.add(m.group(2));
            i++;
            while (i < lines.size()) {
                String next = lines.get(i);
                if (next.isBlank()) {
                    boolean continues = i + 1 < lines.size() && indentOf(lines.get(i + 1)) > indent
                            && !lines.get(i + 1).isBlank();
                    if (!continues) {
                        break;
                    }
                    item.add("");
                    i++;
                    continue;
                }
                if (indentOf(next) <= indent) {
                    break;
                }
                item.add(next.substring(Math.min(next.length(), indent + 2)));
                i++;
            }
            out.append("<li>");
            boolean simple = item.stream().noneMatch(s -> s.isBlank() || BULLET.matcher(s).matches()
                    || NUMBERED.matcher(s).matches() || FENCE.matcher(s).matches());
            if (simple) {
                out.append(inline(String.join("\n", item.stream().map(String::strip).toList())));
            } else {
                String inner = new MarkdownHtml(headingOffset).render(String.join("\n", item));
                out.append(unwrapSingleParagraph(inner));
            }
            out.append("</li>\n");
            while (i < lines.size() && lines.get(i).isBlank() && i + 1 < lines.size()
                    && (numbered ? NUMBERED : BULLET).matcher(lines.get(i + 1)).matches()
                    && indentOf(lines.get(i + 1)) == indent) {
                i++;
            }
        }
        out.append("</").append(tag).append(">\n");
        return i;
    }

    private int table(StringBuilder out, List<String> lines, int start) {
        out.append("<table>\n<thead><tr>");
        for (String cell : cells(lines.get(start))) {
            out.append("<th>").append(inline(cell)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        int i = start + 2;
        while (i < lines.size() && lines.get(i).stripLeading().startsWith("|")) {
            out.append("<tr>");
            for (String cell : cells(lines.get(i))) {
                out.append("<td>").append(inline(cell)).append("</td>");
            }
            out.append("</tr>\n");
            i++;
        }
        out.append("</tbody>\n</table>\n");
        return i;
    }

    /** The cells of a pipe-table row; a pipe inside a code span or escaped as \| does not split. */
    private static List<String> cells(String row) {
        String r = row.strip();
        if (r.startsWith("|")) {
            r = r.substring(1);
        }
        if (r.endsWith("|") && !r.endsWith("\\|")) {
            r = r.substring(0, r.length() - 1);
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\' && i + 1 < r.length() && r.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '`') {
                code = !code;
                cell.append(c);
            } else if (c == '|' && !code) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    /** Inline Markdown: code spans verbatim (escaped), then links, bold and italics on the escaped rest. */
    static String inline(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int tick = text.indexOf('`', i);
            if (tick < 0) {
                out.append(spans(text.substring(i)));
                break;
            }
            int run = 1;
            while (tick + run < text.length() && text.charAt(tick + run) == '`') {
                run++;
            }
            String ticks = "`".repeat(run);
            int close = text.indexOf(ticks, tick + run);
            if (close < 0) {
                out.append(spans(text.substring(i)));
                break;
            }
            out.append(spans(text.substring(i, tick)));
            String code = text.substring(tick + run, close);
            if (code.length() > 1 && code.startsWith(" ") && code.endsWith(" ")) {
                code = code.substring(1, code.length() - 1);
            }
            out.append("<code>").append(escape(code.replace('\n', ' '))).append("</code>");
            i = close + run;
        }
        return out.toString();
    }

    private static String spans(String raw) {
        String s = escape(raw);
        Matcher link = LINK.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (link.find()) {
            String url = link.group(2);
            String replacement = SAFE_URL.matcher(url).matches() && !url.toLowerCase().startsWith("javascript:")
                    ? "<a href=\"" + url + "\">" + link.group(1) + "</a>"
                    : link.group(1);
            link.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        link.appendTail(sb);
        s = BOLD.matcher(sb.toString()).replaceAll("<strong>$1</strong>");
        s = ITALIC.matcher(s).replaceAll("<em>$1</em>");
        return s;
    }

    private static String unwrapSingleParagraph(String html) {
        String h = html.strip();
        if (h.startsWith("<p>") && h.endsWith("</p>") && h.indexOf("<p>", 3) < 0) {
            return h.substring(3, h.length() - 4);
        }
        return h;
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    /** HTML-escapes text for element content and double-quoted attributes. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
