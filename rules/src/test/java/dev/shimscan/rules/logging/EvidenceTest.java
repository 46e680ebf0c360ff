package dev.shimscan.rules.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvidenceTest {

    @Test
    void isTheTrimmedLineAroundTheOffset() {
        String value = "[INPUT]\n    Name   tail\n    Parser docker   \n";
        Evidence e = Evidence.at(value, value.indexOf("docker"), 6);
        assertThat(e.text()).isEqualTo("Parser docker");
        assertThat(e.offset()).isEqualTo(value.indexOf("Parser"));
    }

    @Test
    void isTheMatchWhenTheLineIsTooLongToRead() {
        String value = "{\"panels\":[" + "x".repeat(300) + "engine_daemon_engine_info" + "y".repeat(50) + "]}";
        int at = value.indexOf("engine_daemon");
        Evidence e = Evidence.at(value, at, "engine_daemon_engine_info".length());
        assertThat(e.text()).isEqualTo("engine_daemon_engine_info");
        assertThat(e.offset()).isEqualTo(at);
    }

    @Test
    void aWholeShortValueIsItself() {
        assertThat(Evidence.at("docker", 0, 6)).isEqualTo(new Evidence("docker", 0));
    }
}
