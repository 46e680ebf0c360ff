package dev.shimscan.rules.image;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the rule fixtures and the shared corpus are, for the tests of DS204, DS3xx and DS801. */
public final class TestPaths {
    private TestPaths() {
    }

    /** {@code rules/src/test/resources/rules/<id>}, from the module or the checkout root. */
    public static Path fixtures(String id) {
        Path p = Path.of("src", "test", "resources", "rules", id);
        return Files.isDirectory(p) ? p : Path.of("rules").resolve(p);
    }

    /** {@code shared/corpus}: from {@code shimscan.shared.dir}, else found by walking up from the working dir. */
    public static Path corpus() {
        String shared = System.getProperty("shimscan.shared.dir");
        if (shared != null && Files.isDirectory(Path.of(shared, "corpus"))) {
            return Path.of(shared, "corpus").toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared").resolve("corpus"))) {
                return dir.resolve("shared").resolve("corpus");
            }
        }
        throw new IllegalStateException("shared/corpus not found; set -Dshimscan.shared.dir");
    }
}
