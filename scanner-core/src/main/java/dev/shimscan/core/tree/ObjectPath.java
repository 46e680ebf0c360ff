package dev.shimscan.core.tree;


/**
 * Builds the path of a node inside an object, the one form used everywhere (position index, findings,
 * fingerprints): {@code spec.template.spec.volumes[2].hostPath.path}. Keys that are not simple
 * identifiers are quoted: {@code data["config.toml"]}, {@code metadata.annotations["a.b/c"]}.
 */
public final class ObjectPath {

    private ObjectPath() {
    }

    public static String child(String parent, String key) {
        if (isSimpleKey(key)) {
            return parent.isEmpty() ? key : parent + "." + key;
        }
        return parent + "[" + quote(key) + "]";
    }

    /** {@code [A-Za-z_$][A-Za-z0-9_$-]*}, without a regular expression: this runs for every key a rule visits. */
    static boolean isSimpleKey(String key) {
        int n = key.length();
        if (n == 0) {
            return false;
        }
        char first = key.charAt(0);
        if (!(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z' || first == '_' || first == '$')) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = key.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** Joins a base path (e.g. {@code items[3]}) and a path relative to it. */
    public static String join(String base, String relative) {
        if (base.isEmpty()) {
            return relative;
        }
        if (relative.isEmpty()) {
            return base;
        }
        return relative.startsWith("[") ? base + relative : base + "." + relative;
    }

    private static String quote(String key) {
        StringBuilder sb = new StringBuilder(key.length() + 2).append('"');
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
