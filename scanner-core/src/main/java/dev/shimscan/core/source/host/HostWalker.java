package dev.shimscan.core.source.host;

import dev.shimscan.core.model.ScanProblem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the files of the {@link HostPlaces} under the root without ever leaving it: directories are listed, never
 * entered through a symlink; a symlinked file is resolved with {@link HostRoot} (inside the root) and read only
 * when it leads to a regular file there. A file reached along several paths ({@code /lib} linked to
 * {@code /usr/lib}, a unit linked into {@code /etc/systemd/system}) is read once, under the path that needs no
 * link (the same file twice, by device and inode, as when one directory is mounted at two places, is read once).
 * Listing errors become problems; links that lead nowhere inside the root, loops and directories behind
 * links become notes.
 */
final class HostWalker {
    static final int MAX_ENTRIES_PER_PLACE = 20_000;

    /**
     * A file to read.
     *
     * @param display   its path relative to the root, as reports show it
     * @param place     the place it was found in ({@code opt}), for counts
     * @param identity  the file's device and inode where the file system has them, else its real path: the same
     *                  directory mounted twice ({@code /lib/systemd/system} and {@code /usr/lib/systemd/system} on a
     *                  merged-/usr node, both mounted into the audit pod) is read once
     */
    record Candidate(String display, String place, Path real, Object identity, HostFileCategory category,
                     boolean shellOnly, boolean viaLink, long size, boolean executable) {
    }

    record Walk(List<Candidate> files, List<ScanProblem> problems) {
    }

    private final HostRoot root;
    private final HostNotes notes;
    private final List<ScanProblem> problems = new ArrayList<>();
    private final List<Candidate> found = new ArrayList<>();

    HostWalker(HostRoot root, HostNotes notes) {
        this.root = root;
        this.notes = notes;
    }

    Walk walk(List<HostPlace> places) {
        for (HostPlace place : places) {
            try {
                visitPlace(place);
            } catch (IOException e) {
                problems.add(ScanProblem.inFile(place.path(), ScanProblem.Type.IO, "cannot read: " + reason(e)));
            }
        }
        return new Walk(distinct(found), List.copyOf(problems));
    }

    private void visitPlace(HostPlace place) throws IOException {
        HostRoot.Resolution r = root.resolve(place.path());
        if (r instanceof HostRoot.Loop loop) {
            notes.note(place.path(), "symlink loop (through " + loop.linkTarget() + "), not followed");
            return;
        }
        if (!(r instanceof HostRoot.Found f)) {
            return;
        }
        if (place.depth() == 0) {
            if (f.attributes().isRegularFile()) {
                found.add(candidate(place.path(), place, f.real(), f.attributes(), f.viaLink()));
            }
            return;
        }
        if (f.attributes().isDirectory()) {
            int[] budget = {MAX_ENTRIES_PER_PLACE};
            walkDirectory(place, place.path(), "", f.real(), place.depth(), f.viaLink(), budget);
            if (budget[0] < 0) {
                notes.note(place.path(), "more than " + MAX_ENTRIES_PER_PLACE + " entries; the rest was not read");
            }
        }
    }

    private void walkDirectory(HostPlace place, String display, String inPlace, Path dir, int depthLeft,
                               boolean viaLink, int[] budget) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                entries.add(p);
            }
        } catch (IOException e) {
            problems.add(ScanProblem.inFile(display, ScanProblem.Type.IO, "cannot list directory: " + reason(e)));
            return;
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path entry : entries) {
            if (--budget[0] < 0) {
                return;
            }
            String name = entry.getFileName().toString();
            String shown = display + "/" + name;
            String inside = inPlace.isEmpty() ? name : inPlace + "/" + name;
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                problems.add(ScanProblem.inFile(shown, ScanProblem.Type.IO, "cannot read: " + reason(e)));
                continue;
            }
            if (attrs.isDirectory()) {
                if (depthLeft > 1) {
                    walkDirectory(place, shown, inside, entry, depthLeft - 1, viaLink, budget);
                }
            } else if (attrs.isRegularFile()) {
                if (place.filter().accepts(inside)) {
                    found.add(candidate(shown, place, entry, attrs, viaLink));
                }
            } else if (attrs.isSymbolicLink() && place.filter().accepts(inside)) {
                link(place, shown);
            }
        }
    }

    private void link(HostPlace place, String shown) {
        HostRoot.Resolution r;
        try {
            r = root.resolve(shown);
        } catch (IOException e) {
            problems.add(ScanProblem.inFile(shown, ScanProblem.Type.IO, "cannot resolve symlink: " + reason(e)));
            return;
        }
        if (r instanceof HostRoot.Loop loop) {
            notes.note(shown, "symlink loop (through " + loop.linkTarget() + "), not followed");
        } else if (r instanceof HostRoot.Missing m) {
            if (!"/dev/null".equals(m.linkTarget())) {
                notes.note(shown, "symlink to " + m.linkTarget() + " leads to nothing inside the root, not "
                        + "followed (links are resolved inside the root, never out of it)");
            }
        } else if (r instanceof HostRoot.Found f) {
            if (f.attributes().isRegularFile()) {
                found.add(candidate(shown, place, f.real(), f.attributes(), true));
            } else if (f.attributes().isDirectory()) {
                notes.note(shown, "symlink to the directory " + f.linkTarget() + ", not followed");
            }
        }
    }

    private Candidate candidate(String display, HostPlace place, Path real, BasicFileAttributes attrs, boolean viaLink) {
        Object identity = attrs.fileKey() != null ? attrs.fileKey() : real;
        return new Candidate(display, place.path(), real, identity, place.category(), place.shellOnly(), viaLink,
                attrs.size(), executable(real));
    }

    private static boolean executable(Path real) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(real, LinkOption.NOFOLLOW_LINKS);
            return perms.contains(PosixFilePermission.OWNER_EXECUTE) || perms.contains(PosixFilePermission.GROUP_EXECUTE)
                    || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** One candidate per real file: the one reached without a link, then the shortest path, then the first. */
    private static List<Candidate> distinct(List<Candidate> all) {
        Map<Object, Candidate> best = new LinkedHashMap<>();
        Comparator<Candidate> preference = Comparator.comparing(Candidate::viaLink)
                .thenComparingInt(c -> c.display().length())
                .thenComparing(Candidate::display);
        for (Candidate c : all) {
            best.merge(c.identity(), c, (a, b) -> preference.compare(a, b) <= 0 ? a : b);
        }
        List<Candidate> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparing(Candidate::display));
        return out;
    }

    static String reason(IOException e) {
        String type = e.getClass().getSimpleName();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
