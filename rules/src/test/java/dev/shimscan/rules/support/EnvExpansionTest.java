package dev.shimscan.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvExpansionTest {
    private static final Map<String, String> ENV = Map.of("SOCK", "docker.sock", "DIR", "run");

    @Test
    void substitutesLiteralValues() {
        assertThat(EnvExpansion.expand("$(SOCK)", ENV)).contains("docker.sock");
        assertThat(EnvExpansion.expand("$(DIR)/$(SOCK)", ENV)).contains("run/docker.sock");
        assertThat(EnvExpansion.expand("plain", ENV)).contains("plain");
    }

    @Test
    void unknownVariableMakesTheResultUnknown() {
        assertThat(EnvExpansion.expand("$(POD_NAME)/docker.sock", ENV)).isEmpty();
    }

    @Test
    void doubleDollarEscapesAReference() {
        assertThat(EnvExpansion.expand("$$(SOCK)", ENV)).contains("$(SOCK)");
    }

    @Test
    void unclosedReferenceStaysLiteral() {
        assertThat(EnvExpansion.expand("a$(SOCK", ENV)).contains("a$(SOCK");
    }
}
