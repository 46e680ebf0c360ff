package dev.shimscan.rules.support;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Normalises node paths the way the catalog compares them: {@code //} collapsed, {@code /./} removed,
 * {@code ..} resolved (never above the root), trailing {@code /} dropped, and {@code /run} rewritten to
 * {@code /var/run} (on current distributions one is a symlink to the other, so both name the same
 * directory). Purely lexical: the file system is never consulted.
 */
public final class PathNormalizer {
    private PathNormalizer() {
    }

    /**
     * The normalised absolute form of {@code path}; a path without a leading {@code /} is read as absolute.
     * Blank input gives the empty string, so that callers never mistake "no path" for the root.
     */
    public static String normalize(String path) {
        if (path == null || path.isBlank()) {
            return "";
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.trim().split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
        if (segments.size() >= 1 && segments.peekFirst().equals("run")) {
            segments.addFirst("var");
        }
        if (segments.isEmpty()) {
            return "/";
        }
        StringBuilder sb = new StringBuilder(path.length() + 4);
        for (String s : segments) {
            sb.append('/').append(s);
        }
        return sb.toString();
    }

    /** Normalises {@code base + "/" + relative}: where a {@code subPath} lands inside a mounted directory. */
    public static String resolve(String base, String relative) {
        if (relative == null || relative.isEmpty()) {
            return normalize(base);
        }
        return normalize(base + "/" + relative);
    }

    /** True when normalised {@code path} is {@code dir} itself or lies below it (both normalised). */
    public static boolean isAtOrUnder(String path, String dir) {
        if (dir.equals("/")) {
            return path.startsWith("/");
        }
        return path.equals(dir) || path.startsWith(dir + "/");
    }

    /** The last segment of a normalised path ({@code docker.sock}); empty for the root. */
    public static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The parent of a normalised path ({@code /var/run} for {@code /var/run/docker.sock}); {@code /} for top level. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
