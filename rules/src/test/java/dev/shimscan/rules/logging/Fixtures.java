package dev.shimscan.rules.logging;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the test resources and the shared corpus are. */
final class Fixtures {
    private Fixtures() {
    }

    static Path rulesDir(String id) {
        Path p = Path.of("src", "test", "resources", "rules", id);
        if (Files.isDirectory(p)) {
            return p;
        }
        return Path.of("rules").resolve(p);
    }

    /** {@code shared/corpus}: from {@code shimscan.shared.dir}, else found by walking up from the working dir. */
    static Path corpus() {
        String shared = System.getProperty("shimscan.shared.dir");
        if (shared != null && Files.isDirectory(Path.of(shared, "corpus"))) {
            return Path.of(shared, "corpus");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared").resolve("corpus"))) {
                return dir.resolve("shared").resolve("corpus");
            }
        }
        throw new IllegalStateException("shared/corpus not found; set -Dshimscan.shared.dir");
    }
}
