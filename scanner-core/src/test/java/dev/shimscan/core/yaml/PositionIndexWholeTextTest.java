package dev.shimscan.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link PositionIndex#wholeText}: a value that is a whole file resolves evidence offsets to the file's lines. */
class PositionIndexWholeTextTest {

    private static String at(PositionIndex index, String path, String evidence, int occurrence) {
        Span s = index.regionOf(path, evidence, occurrence);
        return index.source().lineOf(s.start()) + ":" + index.source().columnOf(s.start()) + "-"
                + index.source().columnOf(s.end());
    }

    @Test
    void evidenceInsideTheWholeTextIsOnItsOwnLine() {
        String text = "#!/bin/sh\nset -e\n  docker ps\necho done\ndocker ps\n";
        PositionIndex index = PositionIndex.wholeText(new SourceText(text), "content");
        assertThat(at(index, "content", "docker ps", 0)).isEqualTo("3:3-12");
        assertThat(at(index, "content", "docker ps", 1)).isEqualTo("5:1-10");
        assertThat(index.spanOf("content")).isEqualTo(new Span(0, text.length()));
        assertThat(index.spanOf("")).isEqualTo(new Span(0, text.length()));
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void otherPathsFallBackToTheWholeTextAndCrLfLinesCount() {
        String text = "a=1\r\nb=docker\r\n";
        PositionIndex index = PositionIndex.wholeText(new SourceText(text), "content");
        assertThat(at(index, "path", null, 0)).isEqualTo("1:1-4");
        assertThat(at(index, "content", "docker", 0)).isEqualTo("2:3-9");
    }

    @Test
    void anEmptyTextIsLineOne() {
        PositionIndex index = PositionIndex.wholeText(new SourceText(""), "content");
        assertThat(at(index, "content", "x", 0)).isEqualTo("1:1-1");
    }
}
