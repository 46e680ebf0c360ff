package dev.shimscan.core.source.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves paths inside the scanned root the way the node itself would see them, as if the root were {@code /}
 * (chroot semantics): every component is looked at without following it; a symlink's target is read and, when
 * absolute, taken from the root again ({@code /lib/systemd/system/x.service} inside {@code /host} is
 * {@code /host/lib/systemd/system/x.service}); {@code ..} never climbs above the root. So no path ever leaves the
 * root, whatever the links say, and a mounted node image resolves its absolute links to its own files rather than
 * to the scanner's. After 40 links (the kernel's limit) the path is a loop.
 */
final class HostRoot {
    static final int MAX_LINKS = 40;

    private final Path root;

    /** @param root the root's real path (no symlinks in it) */
    HostRoot(Path root) {
        this.root = root;
    }

    Path path() {
        return root;
    }

    /** What a path inside the root leads to. */
    sealed interface Resolution permits Found, Missing, Loop {
    }

    /**
     * The path exists.
     *
     * @param real       the real file, under the root, reached through no symlink
     * @param attributes its attributes (not following links: it is not a link)
     * @param viaLink    true when a symlink was followed on the way
     * @param linkTarget the target of the first symlink followed, as written; null without a link
     */
    record Found(Path real, BasicFileAttributes attributes, boolean viaLink, String linkTarget) implements Resolution {
    }

    /** Nothing is there (or a component on the way is not a directory). */
    record Missing(String where, boolean viaLink, String linkTarget) implements Resolution {
    }

    /** More than {@link #MAX_LINKS} symlinks on the way. */
    record Loop(String linkTarget) implements Resolution {
    }

    /** Resolves {@code relative} (forward slashes; leading slashes ignored) inside the root. */
    Resolution resolve(String relative) throws IOException {
        Deque<String> pending = new ArrayDeque<>(components(relative));
        List<String> current = new ArrayList<>();
        int links = 0;
        String firstTarget = null;
        BasicFileAttributes attributes = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        while (!pending.isEmpty()) {
            String c = pending.pop();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!current.isEmpty()) {
                    current.remove(current.size() - 1);
                }
                continue;
            }
            if (!attributes.isDirectory()) {
                return new Missing(String.join("/", current), links > 0, firstTarget);
            }
            Path p = under(current).resolve(c);
            try {
                attributes = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return new Missing(join(current, c), links > 0, firstTarget);
            }
            if (attributes.isSymbolicLink()) {
                links++;
                String target = Files.readSymbolicLink(p).toString();
                if (firstTarget == null) {
                    firstTarget = target;
                }
                if (links > MAX_LINKS) {
                    return new Loop(firstTarget);
                }
                if (target.startsWith("/")) {
                    current.clear();
                }
                List<String> parts = components(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    pending.push(parts.get(i));
                }
                attributes = Files.readAttributes(under(current), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                continue;
            }
            current.add(c);
        }
        return new Found(under(current), attributes, links > 0, firstTarget);
    }

    /** The path relative to the root of a real path under it, with forward slashes. */
    String relative(Path real) {
        return root.relativize(real).toString().replace('\\', '/');
    }

    private Path under(List<String> components) {
        Path p = root;
        for (String c : components) {
            p = p.resolve(c);
        }
        return p;
    }

    private static String join(List<String> current, String last) {
        return current.isEmpty() ? last : String.join("/", current) + "/" + last;
    }

    private static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.replace('\\', '/').split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
