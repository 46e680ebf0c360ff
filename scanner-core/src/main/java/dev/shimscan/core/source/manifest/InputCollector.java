package dev.shimscan.core.source.manifest;

import dev.shimscan.core.model.ScanProblem;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Expands the command line's targets into files: a file is taken whatever its name, a directory is walked
 * recursively for {@code .yaml}, {@code .yml} and {@code .json} (skipping {@code .git}, {@code target},
 * {@code node_modules}), following symlinks but never round a loop; {@code -} is stdin. The result is sorted
 * within each directory, so scans are deterministic.
 */
public final class InputCollector {
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules");
    private static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");

    /** The files found and the targets that could not be read. */
    public record Inputs(List<ManifestInput> files, List<ScanProblem> problems, List<String> missingTargets) {
    }

    public Inputs collect(List<String> targets) {
        return collect(targets, input -> { });
    }

    /**
     * {@link #collect(List)}, telling {@code onFile} of each file as soon as it is found (once per display path, in
     * the order of the walk), so that a scan can start on it while the walk goes on. The returned list is sorted
     * as {@link #collect(List)} sorts it.
     */
    public Inputs collect(List<String> targets, Consumer<ManifestInput> onFile) {
        Map<String, ManifestInput> files = new LinkedHashMap<>();
        Set<String> announced = new HashSet<>();
        Consumer<ManifestInput> announce = input -> {
            if (announced.add(input.displayPath())) {
                onFile.accept(input);
            }
        };
        List<ScanProblem> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String target : targets) {
            if (ManifestInput.STDIN.equals(target)) {
                files.putIfAbsent(ManifestInput.STDIN, ManifestInput.stdin());
                announce.accept(ManifestInput.stdin());
                continue;
            }
            Path path = Path.of(target);
            if (Files.isDirectory(path)) {
                walk(target, path, files, problems, announce);
            } else if (Files.exists(path)) {
                String display = displayOf(target);
                files.putIfAbsent(display, new ManifestInput(display, path));
                announce.accept(files.get(display));
            } else {
                missing.add(target);
                problems.add(ScanProblem.inFile(displayOf(target), ScanProblem.Type.IO,
                        Files.isSymbolicLink(path) ? "dangling symlink" : "no such file or directory"));
            }
        }
        return new Inputs(List.copyOf(files.values()), List.copyOf(problems), List.copyOf(missing));
    }

    private void walk(String target, Path root, Map<String, ManifestInput> files, List<ScanProblem> problems,
                      Consumer<ManifestInput> announce) {
        String prefix = displayOf(target);
        List<ManifestInput> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            boolean skip = !dir.equals(root)
                                    && SKIPPED_DIRECTORIES.contains(String.valueOf(dir.getFileName()));
                            return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && hasManifestExtension(file)) {
                                ManifestInput input = new ManifestInput(join(prefix, relative(root, file)), file,
                                        attrs.size());
                                found.add(input);
                                announce.accept(input);
                            } else if (attrs.isSymbolicLink() && hasManifestExtension(file)) {
                                // the walk follows links, so a link it reports as a link has no target
                                problems.add(ScanProblem.inFile(join(prefix, relative(root, file)),
                                        ScanProblem.Type.IO, "dangling symlink"));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            if (!hasManifestExtension(file) && !(e instanceof FileSystemLoopException)) {
                                return FileVisitResult.CONTINUE;
                            }
                            String display = join(prefix, relative(root, file));
                            String why = e instanceof FileSystemLoopException ? "symlink loop, not followed"
                                    : e instanceof NoSuchFileException ? "dangling symlink"
                                    : "cannot read: " + e.getMessage();
                            problems.add(ScanProblem.inFile(display, ScanProblem.Type.IO, why));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            problems.add(ScanProblem.inFile(prefix, ScanProblem.Type.IO, "cannot walk directory: " + e.getMessage()));
        }
        found.sort(Comparator.comparing(ManifestInput::path));
        for (ManifestInput input : found) {
            files.putIfAbsent(input.displayPath(), input);
        }
    }

    static boolean hasManifestExtension(Path file) {
        String name = String.valueOf(file.getFileName());
        for (String extension : EXTENSIONS) {
            if (name.regionMatches(true, name.length() - extension.length(), extension, 0, extension.length())) {
                return true;
            }
        }
        return false;
    }

    /** The target as typed, with forward slashes, no leading {@code ./} and no trailing slash. */
    static String displayOf(String target) {
        String t = target.replace('\\', '/');
        while (t.startsWith("./") && t.length() > 2) {
            t = t.substring(2);
        }
        while (t.length() > 1 && t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    /**
     * {@code file}'s path under {@code root}: the walk builds it as root, separator, rest, so the rest is cut off the
     * string ({@link Path#relativize} costs more than the rest of the walk); relativize is the fallback.
     */
    static String relative(Path root, Path file) {
        String r = root.toString();
        String f = file.toString();
        String separator = root.getFileSystem().getSeparator();
        if (!r.isEmpty() && f.startsWith(r)) {
            if (r.endsWith(separator) && f.length() > r.length()) {
                return f.substring(r.length());
            }
            if (f.startsWith(separator, r.length()) && f.length() > r.length() + separator.length()) {
                return f.substring(r.length() + separator.length());
            }
        }
        return root.relativize(file).toString();
    }

    private static String join(String prefix, String relative) {
        String rel = relative.replace('\\', '/');
        if (prefix.equals(".") || prefix.isEmpty()) {
            return rel;
        }
        return prefix.endsWith("/") ? prefix + rel : prefix + "/" + rel;
    }
}
