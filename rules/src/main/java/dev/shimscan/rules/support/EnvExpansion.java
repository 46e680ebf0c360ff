package dev.shimscan.rules.support;

import java.util.Map;
import java.util.Optional;

/**
 * Expands Kubernetes {@code $(VAR)} references ({@code subPathExpr}, {@code command}, {@code args}) with the
 * container's literal env values. {@code $$(VAR)} is the escape for a literal {@code $(VAR)}.
 */
public final class EnvExpansion {
    private EnvExpansion() {
    }

    /** The expanded text, or empty when a reference names a variable without a literal value. */
    public static Optional<String> expand(String text, Map<String, String> env) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
                int close = text.indexOf(')', i + 2);
                if (close < 0) {
                    out.append(text, i, text.length());
                    break;
                }
                String value = env.get(text.substring(i + 2, close));
                if (value == null) {
                    return Optional.empty();
                }
                out.append(value);
                i = close + 1;
                continue;
            }
            out.append(c);
            i++;
        }
        return Optional.of(out.toString());
    }
}
