package dev.shimscan.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A finding compared with a baseline ({@code --baseline}): {@code new} since the baseline (only these can fail the
 * run), {@code existing} (its fingerprint is in the baseline), or {@code fixed} (in the baseline, gone now; listed in
 * the report's {@code fixed}).
 */
public enum BaselineStatus {
    NEW, EXISTING, FIXED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static BaselineStatus parse(String text) {
        for (BaselineStatus s : values()) {
            if (s.label().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown baseline status '" + text + "' (expected new, existing or fixed)");
    }
}
