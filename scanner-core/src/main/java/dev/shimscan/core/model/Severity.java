package dev.shimscan.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How badly a finding breaks when Docker Engine leaves the node. Declared from most to least severe. */
public enum Severity {
    /** Will break when Docker Engine is removed from the node. */
    ERROR,
    /** Likely breaks or changes behaviour. */
    WARNING,
    /** Worth a look, e.g. a vendor to ask. */
    NOTE;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is as severe as {@code threshold} or more. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    @JsonCreator
    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.label().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "' (expected error, warning or note)");
    }
}
