package dev.shimscan.rules;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the rule fixtures are: one directory per rule id, {@code rules/DS101/}, on the test class path. */
final class Fixtures {
    private Fixtures() {
    }

    /** The fixture directory of a rule; it may not exist. */
    static Path dirOf(String ruleId) {
        return root().resolve(ruleId);
    }

    static boolean exists(String ruleId) {
        return Files.isDirectory(dirOf(ruleId));
    }

    static Path root() {
        URL url = Fixtures.class.getClassLoader().getResource("rules");
        if (url == null) {
            throw new IllegalStateException("no 'rules' fixture directory on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
