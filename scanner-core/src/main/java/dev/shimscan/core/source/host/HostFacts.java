package dev.shimscan.core.source.host;

import java.io.IOException;

/**
 * What the node says about itself: its host name ({@code /etc/hostname}) and its OS ({@code PRETTY_NAME} of
 * {@code /etc/os-release}), read inside the root like every other file. Missing or unreadable files give null.
 */
record HostFacts(String hostname, String osImage) {

    static HostFacts read(HostRoot root, HostFileReader reader) {
        String hostname = firstLine(text(root, reader, "etc/hostname"));
        String os = null;
        String release = text(root, reader, "etc/os-release");
        if (release == null) {
            release = text(root, reader, "usr/lib/os-release");
        }
        if (release != null) {
            for (String line : release.split("\n")) {
                if (line.startsWith("PRETTY_NAME=")) {
                    os = unquote(line.substring("PRETTY_NAME=".length()).trim());
                }
            }
        }
        return new HostFacts(blankToNull(hostname), blankToNull(os));
    }

    private static String text(HostRoot root, HostFileReader reader, String path) {
        try {
            if (root.resolve(path) instanceof HostRoot.Found f && f.attributes().isRegularFile()) {
                HostContent.Content c = HostContent.read(reader, f.real(), f.attributes().size(), 64 * 1024);
                return c instanceof HostContent.Text t ? t.text() : null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return t;
            }
        }
        return null;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
