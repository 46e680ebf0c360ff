package dev.shimscan.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The manifest files a benchmark scans, held in memory: every {@code .yaml}, {@code .yml} and {@code .json} file
 * under a directory, in path order.
 */
record Corpus(Path dir, List<CorpusFile> files, long bytes) {

    /** One file: its path relative to the corpus directory, whether it is read as JSON, its bytes. */
    record CorpusFile(String name, boolean json, byte[] bytes) {
    }

    private static final String GENERATOR = "generate-corpus.py";
    private static final long GENERATOR_TIMEOUT_MINUTES = 10;

    static Corpus read(Path dir) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.filter(Files::isRegularFile).filter(Corpus::isManifest).sorted(Comparator.naturalOrder())
                    .toList();
        }
        if (paths.isEmpty()) {
            throw new IOException("no .yaml, .yml or .json file under " + dir);
        }
        List<CorpusFile> files = new ArrayList<>(paths.size());
        long bytes = 0;
        for (Path p : paths) {
            byte[] content = Files.readAllBytes(p);
            String name = dir.relativize(p).toString();
            files.add(new CorpusFile(name, name.toLowerCase(Locale.ROOT).endsWith(".json"), content));
            bytes += content.length;
        }
        return new Corpus(dir, List.copyOf(files), bytes);
    }

    /**
     * Writes {@code count} files with {@code bench/generate-corpus.py} (fixed seed: the same bytes on every machine;
     * the script is packed into the benchmarks jar) into {@code dir}, which must not exist yet.
     */
    static void generate(Path dir, int count) throws IOException, InterruptedException {
        Path script = Files.createTempFile("shimscan-generate-corpus", ".py");
        try {
            try (InputStream in = Corpus.class.getResourceAsStream(GENERATOR)) {
                if (in == null) {
                    throw new IOException(GENERATOR + " is not in the benchmarks jar");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Process process = new ProcessBuilder("python3", script.toString(), dir.toString(), Integer.toString(count))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(GENERATOR_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("python3 " + GENERATOR + " did not finish in " + GENERATOR_TIMEOUT_MINUTES
                        + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new IOException("python3 " + GENERATOR + " exited with " + process.exitValue() + ":\n" + output);
            }
        } finally {
            Files.deleteIfExists(script);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    double megabytes() {
        return bytes / 1e6;
    }

    private static boolean isManifest(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }
}
