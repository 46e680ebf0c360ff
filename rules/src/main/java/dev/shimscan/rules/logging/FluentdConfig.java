package dev.shimscan.rules.logging;

import dev.shimscan.core.tree.NodeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Fluentd's configuration format into directives: {@code <source>}, {@code <parse>}, {@code <pattern>} ...
 * with their {@code key value} parameters, each with its place. {@code #} starts a comment line. Unclosed
 * directives are closed at the end of the text; a stray close tag is ignored.
 */
final class FluentdConfig {
    private static final Pattern OPEN = Pattern.compile("^<\\s*([A-Za-z_@][\\w@.-]*)(?:\\s+([^>]*))?>$");
    private static final Pattern CLOSE = Pattern.compile("^</\\s*([A-Za-z_@][\\w@.-]*)\\s*>$");
    private static final Pattern DIRECTIVE_LINE = Pattern.compile(
            "(?m)^[ \\t]*<(source|match|filter|parse|label|pattern|system|worker)(\\s[^>]*)?>[ \\t]*$");
    /** {@code "#{ENV['X'] || 'json'}"}: a value taken from the environment, with a default. */
    private static final Pattern ENV_DEFAULT = Pattern.compile(
            "#\\{\\s*ENV\\[['\"]([^'\"]+)['\"]]\\s*\\|\\|\\s*['\"]([^'\"]*)['\"]\\s*}");

    private FluentdConfig() {
    }

    /** A {@code key value} parameter line. */
    record Param(String key, String value, Place place) {
        /** The value without quotes; for {@code "#{ENV['X'] || 'd'}"} the default {@code d}. */
        String effective() {
            Matcher m = ENV_DEFAULT.matcher(value);
            if (m.find()) {
                return m.group(2);
            }
            String v = value.trim();
            if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                v = v.substring(1, v.length() - 1);
            }
            return v;
        }

        /** The environment variable that overrides the value, when it is written as {@code "#{ENV['X'] || ...}"}. */
        Optional<String> environmentOverride() {
            Matcher m = ENV_DEFAULT.matcher(value);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }
    }

    /** A directive with its parameters and nested directives. */
    record Directive(String name, String argument, Place place, List<Param> params, List<Directive> children) {
        Optional<Param> param(String key) {
            return params.stream().filter(p -> p.key().equals(key)).findFirst();
        }

        /** The plugin type: {@code @type} (v1) or {@code type} (v0.12); empty when neither is set. */
        Optional<Param> typeParam() {
            Optional<Param> t = param("@type");
            return t.isPresent() ? t : param("type");
        }

        String type() {
            return typeParam().map(p -> p.effective().toLowerCase(Locale.ROOT)).orElse("");
        }

        List<Directive> children(String childName) {
            return children.stream().filter(c -> c.name().equals(childName)).toList();
        }
    }

    /** True when the text has a Fluentd directive line ({@code <source>}, {@code <match ...>} ...). */
    static boolean looksLike(String text) {
        return text.indexOf('<') >= 0 && DIRECTIVE_LINE.matcher(text).find();
    }

    /** The top-level directives of a config held in the scalar {@code holder}. */
    static List<Directive> parse(NodeRef holder, String text) {
        Builder root = new Builder("", "", new Place(holder, 0, 0));
        List<Builder> stack = new ArrayList<>();
        stack.add(root);
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
            Place place = new Place(holder, lineStart + indent, content.length());
            Matcher open = OPEN.matcher(content);
            Matcher close = CLOSE.matcher(content);
            if (content.isEmpty() || content.startsWith("#")) {
                // comment or blank
            } else if (close.matches()) {
                String name = close.group(1).toLowerCase(Locale.ROOT);
                for (int i = stack.size() - 1; i > 0; i--) {
                    if (stack.get(i).name.equals(name)) {
                        while (stack.size() > i) {
                            Builder done = stack.remove(stack.size() - 1);
                            stack.get(stack.size() - 1).children.add(done);
                        }
                        break;
                    }
                }
            } else if (open.matches()) {
                stack.add(new Builder(open.group(1).toLowerCase(Locale.ROOT),
                        open.group(2) == null ? "" : open.group(2).trim(), place));
            } else {
                int space = indexOfWhitespace(content);
                String key = space < 0 ? content : content.substring(0, space);
                String value = space < 0 ? "" : content.substring(space).strip();
                stack.get(stack.size() - 1).params.add(new Param(key.toLowerCase(Locale.ROOT), value, place));
            }
            lineStart = lineEnd + 1;
        }
        while (stack.size() > 1) {
            Builder done = stack.remove(stack.size() - 1);
            stack.get(stack.size() - 1).children.add(done);
        }
        return root.build().children();
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static final class Builder {
        final String name;
        final String argument;
        final Place place;
        final List<Param> params = new ArrayList<>();
        final List<Builder> children = new ArrayList<>();

        Builder(String name, String argument, Place place) {
            this.name = name;
            this.argument = argument;
            this.place = place;
        }

        Directive build() {
            return new Directive(name, argument, place, List.copyOf(params),
                    children.stream().map(Builder::build).toList());
        }
    }
}
