package dev.shimscan.core.report.sarif;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test vectors of codeql-action's {@code fingerprints.test.ts}, as quoted in SARIF-CHECKLIST.md P2. */
class LineHashesTest {

    @Test
    void emptyFile() {
        assertThat(LineHashes.of("")).containsExactlyEntriesOf(Map.of(1, "c129715d7a2bc9a3:1"));
    }

    @Test
    void shortLinesWithIndentation() {
        assertThat(LineHashes.of(" a\nb\n  \t\tc\n d")).containsExactlyInAnyOrderEntriesOf(Map.of(
                1, "271789c17abda88f:1",
                2, "54703d4cd895b18:1",
                3, "180aee12dab6264:1",
                4, "a23a3dc5e078b07b:1"));
    }

    @Test
    void lfCrAndCrlfGiveTheSameHashes() {
        Map<Integer, String> expected = Map.of(
                1, "e9496ae3ebfced30:1",
                2, "fb7c023a8b9ccb3f:1",
                3, "ce8ba1a563dcdaca:1",
                4, "e20e36e16fcb0cc8:1",
                5, "b3edc88f2938467e:1",
                6, "c8e28b0b4002a3a0:1",
                7, "c129715d7a2bc9a3:1");
        String lf = " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n";
        assertThat(LineHashes.of(lf)).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(LineHashes.of(lf.replace("\n", "\r"))).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(LineHashes.of(lf.replace("\n", "\r\n"))).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void identicalLinesAreNumberedByOccurrence() {
        String block = "x\n".repeat(3);
        Map<Integer, String> hashes = LineHashes.of(block);
        assertThat(hashes).hasSize(4);
        assertThat(hashes.values()).allMatch(v -> v.matches("[0-9a-f]+:[0-9]+"));
    }
}
