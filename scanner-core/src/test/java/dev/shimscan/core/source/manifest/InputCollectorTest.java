package dev.shimscan.core.source.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputCollectorTest {
    @TempDir
    Path dir;

    @Test
    void tellsOfEachFileOnceAsTheWalkFindsItAndReturnsThemSortedWithTheirSizes() throws IOException {
        Files.createDirectories(dir.resolve("b"));
        Files.createDirectories(dir.resolve("a/.git"));
        Files.writeString(dir.resolve("b/z.yaml"), "kind: Pod\n");
        Files.writeString(dir.resolve("b/y.JSON"), "{}");
        Files.writeString(dir.resolve("a/x.yml"), "a: b\n");
        Files.writeString(dir.resolve("a/notes.txt"), "not a manifest");
        Files.writeString(dir.resolve("a/.git/config.yaml"), "skipped: true\n");
        String root = dir.toString();
        List<String> heard = new ArrayList<>();

        InputCollector.Inputs inputs = new InputCollector().collect(List.of(root, root + "/b", root + "/a/x.yml"),
                input -> heard.add(input.displayPath()));

        // the second and third targets name files the first already holds: each file is there, and heard of, once
        assertThat(inputs.files()).extracting(ManifestInput::displayPath)
                .containsExactly(root + "/a/x.yml", root + "/b/y.JSON", root + "/b/z.yaml");
        assertThat(heard).containsExactlyInAnyOrder(root + "/a/x.yml", root + "/b/y.JSON", root + "/b/z.yaml");
        assertThat(inputs.files()).filteredOn(f -> f.displayPath().endsWith("z.yaml"))
                .allSatisfy(f -> assertThat(f.size()).isEqualTo(10));
    }
}
