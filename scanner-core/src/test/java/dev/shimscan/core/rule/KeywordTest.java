package dev.shimscan.core.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class KeywordTest {

    @Test
    void keywordsAreEqualWhenTextAndExclusionsAre() {
        Keyword docker = Keyword.of("docker").notFollowedBy("-entrypoint", ".io/");

        assertThat(docker).isEqualTo(Keyword.of("docker").notFollowedBy("-entrypoint", ".io/"))
                .hasSameHashCodeAs(Keyword.of("docker").notFollowedBy("-entrypoint", ".io/"))
                .isNotEqualTo(Keyword.of("docker"))
                .isNotEqualTo(Keyword.of("docker").notFollowedBy(".io/", "-entrypoint"))
                .isNotEqualTo(Keyword.of("dockerd").notFollowedBy("-entrypoint", ".io/"))
                .isNotEqualTo("docker");
        assertThat(Set.of(Keyword.of("hostpath"), Keyword.of("docker"))).contains(Keyword.of("hostpath"));
    }

    @Test
    void aKeywordOutsideTheAlphabetIsRefused() {
        assertThatThrownBy(() -> Keyword.of("Docker")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keyword.of("/var/run")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keyword.of("docker").notFollowedBy("x y")).isInstanceOf(IllegalArgumentException.class);
    }
}
