package dev.shimscan.rules.node;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A kubelet's {@code vMAJOR.MINOR} as {@code status.nodeInfo.kubeletVersion} reports it ({@code v1.23.17-eks-...}). */
record KubeletVersion(int major, int minor) {
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)");

    /** Null when the text is not a version. */
    static KubeletVersion parse(String text) {
        Matcher m = VERSION.matcher(text == null ? "" : text.trim());
        if (!m.lookingAt()) {
            return null;
        }
        try {
            return new KubeletVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** v1.23 was the last kubelet with the built-in dockershim. */
    boolean hasDockershim() {
        return major < 1 || (major == 1 && minor < 24);
    }
}
