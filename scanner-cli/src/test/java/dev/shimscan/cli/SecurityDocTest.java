package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/security.md} proves each claim by naming a test: every {@code SomethingTest} and
 * {@code SomethingTest.method} it names exists in the sources, so a renamed or deleted test breaks the build
 * instead of leaving a claim without proof.
 */
class SecurityDocTest {
    private static final Path PROJECT = Cli.projectDir();
    private static final Pattern NAMED = Pattern.compile("`([A-Z][A-Za-z0-9]*Test)(?:\\.([a-zA-Z0-9_]+))?`");

    @Test
    void everyTestTheSecurityPageNamesExists() throws IOException {
        String page = Files.readString(PROJECT.resolve("docs/security.md"), StandardCharsets.UTF_8);
        Map<String, String> sources = testSources();
        List<String> missing = new ArrayList<>();
        int named = 0;
        Matcher m = NAMED.matcher(page);
        while (m.find()) {
            named++;
            String source = sources.get(m.group(1));
            if (source == null) {
                missing.add(m.group(1) + " (no such test class)");
            } else if (m.group(2) != null && !Pattern.compile("void " + m.group(2) + "\\(").matcher(source).find()) {
                missing.add(m.group(1) + "." + m.group(2) + " (no such method)");
            }
        }
        assertThat(named).as("tests named on the page").isGreaterThan(50);
        assertThat(new TreeSet<>(missing)).isEmpty();
    }

    /** The text of every test class of every module, by simple class name. */
    private static Map<String, String> testSources() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String module : List.of("scanner-core", "rules", "reports-templates", "scanner-cli")) {
            Path root = PROJECT.resolve(module).resolve("src/test/java");
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String name = f.getFileName().toString().replace(".java", "");
                    out.merge(name, Files.readString(f, StandardCharsets.UTF_8), String::concat);
                }
            }
        }
        return out;
    }
}
