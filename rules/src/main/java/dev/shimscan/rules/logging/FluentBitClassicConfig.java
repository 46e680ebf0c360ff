package dev.shimscan.rules.logging;

import dev.shimscan.core.tree.NodeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Fluent Bit's classic configuration format: {@code [SECTION]} headers (spaces inside the brackets allowed,
 * any case) followed by {@code Key Value} lines; {@code #} starts a comment line; {@code @INCLUDE} and
 * {@code @SET} lines are skipped (an object's files are read together, so included files are seen anyway).
 */
final class FluentBitClassicConfig {
    private static final Pattern HEADER = Pattern.compile("^\\[\\s*([A-Za-z_]+)\\s*]\\s*$");
    private static final Pattern KNOWN_HEADER = Pattern.compile(
            "(?im)^[ \\t]*\\[\\s*(INPUT|FILTER|OUTPUT|PARSER|MULTILINE_PARSER|SERVICE)\\s*][ \\t]*$");

    private FluentBitClassicConfig() {
    }

    /** True when the text has at least one Fluent Bit section header. */
    static boolean looksLike(String text) {
        return text.indexOf('[') >= 0 && KNOWN_HEADER.matcher(text).find();
    }

    /** The sections of a classic config held in the scalar {@code holder} (whose value is {@code text}). */
    static List<FluentBitSection> parse(NodeRef holder, String text) {
        List<FluentBitSection> out = new ArrayList<>();
        String type = null;
        List<FluentBitSection.Setting> settings = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String line = text.substring(lineStart, lineEnd);
            int indent = 0;
            while (indent < line.length() && Character.isWhitespace(line.charAt(indent))) {
                indent++;
            }
            String content = line.strip();
            Matcher header = content.startsWith("[") ? HEADER.matcher(content) : null;
            if (header != null && header.matches()) {
                if (type != null) {
                    out.add(new FluentBitSection(type, settings));
                }
                type = header.group(1);
                settings = new ArrayList<>();
            } else if (type != null && !content.isEmpty() && !content.startsWith("#") && !content.startsWith("@")) {
                int space = indexOfWhitespace(content);
                String key = space < 0 ? content : content.substring(0, space);
                String value = space < 0 ? "" : content.substring(space).strip();
                settings.add(new FluentBitSection.Setting(DockerLogSources.normalizeKey(key), value,
                        new Place(holder, lineStart + indent, content.length())));
            }
            lineStart = lineEnd + 1;
        }
        if (type != null) {
            out.add(new FluentBitSection(type, settings));
        }
        return out;
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
