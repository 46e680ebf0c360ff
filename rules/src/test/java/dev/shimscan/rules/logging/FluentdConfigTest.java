package dev.shimscan.rules.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.shimscan.core.tree.NodeRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class FluentdConfigTest {

    private static List<FluentdConfig.Directive> parse(String text) {
        return FluentdConfig.parse(new NodeRef(TextNode.valueOf(text), "data[\"fluent.conf\"]"), text);
    }

    @Test
    void nestsDirectivesAndKeepsParameterPlaces() {
        String text = """
                <source>
                  @type tail
                  path /var/log/containers/*.log
                  <parse>
                    @type multi_format
                    <pattern>
                      format json
                    </pattern>
                  </parse>
                </source>
                <match **>
                  @type stdout
                </match>
                """;
        List<FluentdConfig.Directive> top = parse(text);

        assertThat(top).extracting(FluentdConfig.Directive::name).containsExactly("source", "match");
        assertThat(top.get(1).argument()).isEqualTo("**");
        FluentdConfig.Directive parse = top.get(0).children("parse").get(0);
        assertThat(parse.type()).isEqualTo("multi_format");
        FluentdConfig.Param format = parse.children("pattern").get(0).param("format").orElseThrow();
        assertThat(format.place().offset()).isEqualTo(text.indexOf("format json"));
    }

    @Test
    void readsTheDefaultOfAnEnvironmentExpression() {
        FluentdConfig.Param p = new FluentdConfig.Param("@type",
                "\"#{ENV['FLUENT_CONTAINER_TAIL_PARSER_TYPE'] || 'json'}\"", null);
        assertThat(p.effective()).isEqualTo("json");
        assertThat(p.environmentOverride()).contains("FLUENT_CONTAINER_TAIL_PARSER_TYPE");
        assertThat(new FluentdConfig.Param("path", "\"/var/log/x.log\"", null).effective()).isEqualTo("/var/log/x.log");
    }

    @Test
    void unclosedDirectivesAreClosedAtTheEndAndStrayCloseTagsIgnored() {
        String text = "</label>\n<source>\n  @type systemd\n  <entry>\n    field_map {}\n";
        List<FluentdConfig.Directive> top = parse(text);
        assertThat(top).hasSize(1);
        assertThat(top.get(0).type()).isEqualTo("systemd");
        assertThat(top.get(0).children("entry")).hasSize(1);
    }

    @Test
    void jsonPlusCriPatternsAreFineJsonOnlyIsNot() {
        String both = """
                <source>
                  @type tail
                  path /var/log/containers/*.log
                  <parse>
                    @type multi_format
                    <pattern>
                      format json
                    </pattern>
                    <pattern>
                      format cri
                    </pattern>
                  </parse>
                </source>
                """;
        assertThat(FluentdCheck.check(parse(both))).isEmpty();
        String jsonOnly = both.replace("format cri", "format none");
        assertThat(FluentdCheck.check(parse(jsonOnly))).extracting(h -> h.evidence().text())
                .containsExactly("format json");
    }

    @Test
    void recognisesFluentdText() {
        assertThat(FluentdConfig.looksLike("  <source>\n    @type tail\n  </source>\n")).isTrue();
        assertThat(FluentdConfig.looksLike("<match kubernetes.**>\n</match>")).isTrue();
        assertThat(FluentdConfig.looksLike("<html><body></body></html>")).isFalse();
    }
}
