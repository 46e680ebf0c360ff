package dev.shimscan.core.policy;

import java.util.regex.Pattern;

/**
 * A glob, in one of two flavours:
 * <ul>
 *   <li>{@link #name}: for rule ids, kinds, namespaces and names: {@code *} is any run of characters, {@code ?} one
 *       character; rule ids and kinds match case-insensitively when asked;</li>
 *   <li>{@link #path}: for files, relative to the directory of the configuration file, with forward slashes:
 *       {@code *} and {@code ?} stay inside one path segment, {@code **} crosses segments ({@code k8s/**}, {@code
 *       **}{@code /templates/*.yaml}); a pattern without a slash matches a file name in any directory (as in
 *       {@code .gitignore}), and one ending in a slash (or naming a directory) matches everything under it.</li>
 * </ul>
 */
public final class Glob {
    private final String text;
    private final Pattern pattern;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /** A glob over names: {@code *} any characters, {@code ?} one character. */
    public static Glob name(String glob, boolean ignoreCase) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(glob, Pattern.compile(re.toString(), ignoreCase
                ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }

    /** A glob over slash-separated relative paths (see the class comment). */
    public static Glob path(String glob) {
        String g = glob.replace('\\', '/');
        while (g.startsWith("./")) {
            g = g.substring(2);
        }
        String withoutTrailingSlash = g.endsWith("/") ? g.substring(0, g.length() - 1) : g;
        boolean anywhere = !withoutTrailingSlash.contains("/") || g.startsWith("**/");
        if (g.startsWith("/")) {
            g = g.substring(1);
        }
        if (g.endsWith("/")) {
            g = g + "**";
        }
        StringBuilder re = new StringBuilder(anywhere && !g.startsWith("**/") ? "(?:.*/)?" : "");
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < g.length() && g.charAt(i + 2) == '/';
                re.append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        re.append("(?:/.*)?"); // a directory matches everything under it
        return new Glob(glob, Pattern.compile(re.toString()));
    }

    public boolean matches(String value) {
        return value != null && pattern.matcher(value).matches();
    }

    /** True when the glob has no wildcard: it names exactly one thing. */
    public boolean isLiteral() {
        return text.indexOf('*') < 0 && text.indexOf('?') < 0;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
