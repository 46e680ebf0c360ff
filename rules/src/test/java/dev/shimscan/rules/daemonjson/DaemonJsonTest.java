package dev.shimscan.rules.daemonjson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonJsonTest {

    @Test
    void readsEveryKindOfValueWithTheOffsetOfItsKey() {
        String text = "{\"registry-mirrors\": [\"https://m.example\", 1],\n"
                + " \"log-opts\": {\"max-size\": \"10m\", \"max-file\": 3, \"big\": 12345678901234567890},\n"
                + " \"debug\": true, \"live-restore\": false, \"bip\": null, \"ratio\": 0.5}";
        DaemonJson json = DaemonJson.parse(text).orElseThrow();

        assertThat(json.entries()).extracting(DaemonJson.Entry::key)
                .containsExactly("registry-mirrors", "log-opts", "debug", "live-restore", "bip", "ratio");
        assertThat(json.entries()).extracting(e -> text.substring(e.keyOffset(), e.keyOffset() + e.key().length()))
                .containsExactly("registry-mirrors", "log-opts", "debug", "live-restore", "bip", "ratio");
        assertThat(DaemonJson.strings(json.get("registry-mirrors").orElseThrow().value()))
                .isEqualTo(List.of("https://m.example"));
        assertThat(json.get("log-opts").orElseThrow().value().toString())
                .isEqualTo("{\"max-size\":\"10m\",\"max-file\":3,\"big\":12345678901234567890}");
        assertThat(json.get("debug").orElseThrow().value().asBoolean()).isTrue();
        assertThat(json.get("live-restore").orElseThrow().value().isBoolean()).isTrue();
        assertThat(json.get("bip").orElseThrow().value().isNull()).isTrue();
        assertThat(json.get("ratio").orElseThrow().value().asDouble()).isEqualTo(0.5);
    }

    @Test
    void textThatIsNotOneJsonObjectGivesNothing() {
        assertThat(DaemonJson.parse("[1, 2]")).isEmpty();
        assertThat(DaemonJson.parse("{\"a\": [1, 2}")).isEmpty();
        assertThat(DaemonJson.parse("{\"a\": 1} {\"b\": 2}")).isEmpty();
        assertThat(DaemonJson.parse("{\"a\": ")).isEmpty();
        assertThat(DaemonJson.parse("  ")).isEmpty();
    }
}
