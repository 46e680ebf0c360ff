package dev.shimscan.rules.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.tree.NodeRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class FluentBitClassicConfigTest {

    private static NodeRef holder(String text) {
        return new NodeRef(TextNode.valueOf(text), "data[\"fluent-bit.conf\"]");
    }

    @Test
    void readsSectionsWithNormalisedKeysAndLineOffsets() {
        String text = """
                [SERVICE]
                    Flush 1
                @INCLUDE input.conf
                [ input ]
                    Name              tail
                    # Parser json
                    multiline.parser  docker, cri
                    Docker_Mode       Off
                """;
        List<FluentBitSection> sections = FluentBitClassicConfig.parse(holder(text), text);

        assertThat(sections).extracting(FluentBitSection::type).containsExactly("service", "input");
        FluentBitSection input = sections.get(1);
        assertThat(input.plugin()).isEqualTo("tail");
        assertThat(input.settings()).extracting(FluentBitSection.Setting::key)
                .containsExactly("name", "multilineparser", "dockermode");
        FluentBitSection.Setting ml = input.all("multilineparser").get(0);
        assertThat(ml.value()).isEqualTo("docker, cri");
        assertThat(text.substring(ml.place().offset(), ml.place().offset() + ml.place().length()))
                .isEqualTo("multiline.parser  docker, cri");
    }

    @Test
    void recognisesOnlyKnownSectionHeaders() {
        assertThat(FluentBitClassicConfig.looksLike("[INPUT]\n  Name tail\n")).isTrue();
        assertThat(FluentBitClassicConfig.looksLike("  [ Multiline_Parser ]\n")).isTrue();
        assertThat(FluentBitClassicConfig.looksLike("[sources.in]\ntype = \"file\"\n")).isFalse();
        assertThat(FluentBitClassicConfig.looksLike("args: [INPUT]\n")).isFalse();
    }

    @Test
    void aDockerParserThatNoInputUsesIsNotAFinding() {
        String text = """
                [PARSER]
                    Name   docker
                    Format json
                [INPUT]
                    Name   tail
                    Path   /var/log/containers/*.log
                    Parser cri
                """;
        assertThat(FluentBitCheck.check(FluentBitClassicConfig.parse(holder(text), text))).isEmpty();
    }

    @Test
    void aJsonParserOfTheSameConfigOnContainerLogsIsAFinding() {
        String parsers = "[PARSER]\n    Name   k8s_json\n    Format json\n";
        String inputs = "[INPUT]\n    Name   tail\n    Path   /var/log/pods/*/*/*.log\n    Parser k8s_json\n";
        List<FluentBitSection> sections = new java.util.ArrayList<>(FluentBitClassicConfig.parse(holder(parsers), parsers));
        sections.addAll(FluentBitClassicConfig.parse(holder(inputs), inputs));

        List<PlaceHit> hits = FluentBitCheck.check(sections);

        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).evidence().text()).isEqualTo("Parser k8s_json");
        assertThat(hits.get(0).message()).contains("'k8s_json', a JSON parser");
    }

    @Test
    void parserDockerOnAnUnknownPathCountsAndOnAnApplicationFileDoesNot() {
        String text = """
                [INPUT]
                    Name   tail
                    Path   ${LOG_PATH}
                    Parser docker
                [INPUT]
                    Name   tail
                    Path   /var/log/app/events.json
                    Parser docker
                """;
        assertThat(FluentBitCheck.check(FluentBitClassicConfig.parse(holder(text), text)))
                .extracting(h -> h.evidence().offset()).containsExactly(text.indexOf("Parser docker"));
    }

    @Test
    void dockerUnitBesideContainerdIsANoteAndAloneAWarning() {
        String text = """
                [INPUT]
                    Name systemd
                    Systemd_Filter _SYSTEMD_UNIT=docker.service
                    Systemd_Filter _SYSTEMD_UNIT=containerd.service
                [INPUT]
                    Name systemd
                    Systemd_Filter _SYSTEMD_UNIT=docker.service
                """;
        List<PlaceHit> hits = FluentBitCheck.check(FluentBitClassicConfig.parse(holder(text), text));
        assertThat(hits).extracting(PlaceHit::severity).containsExactly(Severity.NOTE, null);
    }

    @Test
    void multilineDockerOnlyIsAFindingWithCriItIsNot() {
        String text = """
                [FILTER]
                    Name multiline
                    multiline.parser docker
                [FILTER]
                    Name multiline
                    multiline.parser cri, docker
                """;
        assertThat(FluentBitCheck.check(FluentBitClassicConfig.parse(holder(text), text)))
                .extracting(h -> h.evidence().text()).containsExactly("multiline.parser docker");
    }
}
