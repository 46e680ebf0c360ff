package dev.shimscan.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {

    @ParameterizedTest
    @CsvSource({
            "docker,                                         docker.io/library/docker, ''",
            "docker:24-dind,                                 docker.io/library/docker, 24-dind",
            "library/docker:dind,                            docker.io/library/docker, dind",
            "docker.io/library/docker:26.1-cli,              docker.io/library/docker, 26.1-cli",
            "index.docker.io/docker:git,                     docker.io/library/docker, git",
            "mirror.gcr.io/library/docker:26-dind,           mirror.gcr.io/library/docker, 26-dind",
            "registry.datadoghq.com/agent:7.81.1,            registry.datadoghq.com/agent, 7.81.1",
            "datadog/agent,                                  docker.io/datadog/agent, ''",
            "localhost:5000/tools/Docker:1,                  localhost:5000/tools/docker, 1",
            "quay.io/sysdig/agent@sha256:0123abcd,           quay.io/sysdig/agent, ''",
    })
    void normalisesRegistryRepositoryAndTag(String image, String fullName, String tag) {
        ImageRef ref = ImageRef.parse(image).orElseThrow();
        assertThat(ref.fullName()).isEqualTo(fullName);
        assertThat(ref.tag()).isEqualTo(tag);
    }

    @Test
    void keepsTheDigest() {
        ImageRef ref = ImageRef.parse("solsson/kafkacat@sha256:1266d140").orElseThrow();
        assertThat(ref.digest()).isEqualTo("sha256:1266d140");
        assertThat(ref.toString()).isEqualTo("docker.io/solsson/kafkacat@sha256:1266d140");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "FILLED BY THE OPERATOR", "{{ .Values.image }}", "/absolute", "a//b", "repo/"})
    void textThatCannotBeAnImageIsNone(String text) {
        assertThat(ImageRef.parse(text)).isEmpty();
    }

    @Test
    void globsMatchTheFullName() {
        ImageRef hub = ImageRef.parse("docker:24").orElseThrow();
        ImageRef mirror = ImageRef.parse("public.ecr.aws/docker/library/docker:24").orElseThrow();
        ImageRef nginx = ImageRef.parse("docker.io/library/nginx").orElseThrow();
        assertThat(hub.matches("*/library/docker")).isTrue();
        assertThat(mirror.matches("*/library/docker")).isTrue();
        assertThat(nginx.matches("*/library/docker")).isFalse();
        assertThat(ImageRef.parse("falcosecurity/falco-no-driver:0.36").orElseThrow().matches("*/falcosecurity/falco"))
                .isFalse();
        assertThat(ImageRef.parse("Docker.io/FalcoSecurity/Falco:0.36").orElseThrow().matches("*/falcosecurity/falco"))
                .isTrue();
    }

    /** Globs are matched without a regular expression: the same answers as the glob read as one. */
    @ParameterizedTest
    @CsvSource({
        "docker.io/library/docker, docker.io/library/docker, true",
        "docker.io/library/docker, docker.io/library/dock, false",
        "docker.io/library/docker, *, true",
        "docker.io/library/docker, **, true",
        "docker.io/library/docker, *docker, true",
        "docker.io/library/docker, docker*, true",
        "docker.io/library/docker, docker*docker, true",
        "docker.io/library/docker, docker.io*io/library/docker, false",
        "docker.io/library/docker, *library*, true",
        "docker.io/library/docker, *library*nginx*, false",
        "docker.io/library/docker, *o/l*y/d*, true",
        "docker.io/library/docker, *o/l*r/d*, false",
        "docker.io/library/docker, *r*r*r*r*, true",
        "docker.io/library/docker, *r*r*r*r*r*, false",
        "gcr.io/datadoghq/agent, *DATADOGHQ/AGENT, true",
        "gcr.io/datadoghq/agent, gcr.io/*/agent, true",
        "gcr.io/datadoghq/agent, gcr.io/*/agent/*, false",
        "gcr.io/datadoghq/agent, gcr.io/datadoghq/agent*agent, false"})
    void globsMatchAsTheirRegularExpressionWould(String image, String glob, boolean matches) {
        ImageRef ref = ImageRef.parse(image).orElseThrow();
        StringBuilder regex = new StringBuilder();
        String[] parts = glob.toLowerCase(java.util.Locale.ROOT).split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            regex.append(i > 0 ? ".*" : "").append(java.util.regex.Pattern.quote(parts[i]));
        }
        assertThat(ref.fullName().matches(regex.toString())).as("the glob as a regular expression").isEqualTo(matches);
        assertThat(ref.matches(glob)).isEqualTo(matches);
    }

    @Test
    void readsTheVersionAtTheStartOfTheTag() {
        assertThat(ImageRef.parse("a/b:7.81.1").orElseThrow().version()).contains(List.of(7, 81, 1));
        assertThat(ImageRef.parse("a/b:v0.28.0").orElseThrow().version()).contains(List.of(0, 28, 0));
        assertThat(ImageRef.parse("docker:19.03.13-dind").orElseThrow().version()).contains(List.of(19, 3, 13));
        assertThat(ImageRef.parse("a/b:latest").orElseThrow().version()).isEmpty();
        assertThat(ImageRef.parse("a/b").orElseThrow().version()).isEmpty();
        assertThat(ImageRef.parse("a/b:7.27").orElseThrow().versionAtLeast("7.27")).isTrue();
        assertThat(ImageRef.parse("a/b:7.26.9").orElseThrow().versionAtLeast("7.27")).isFalse();
        assertThat(ImageRef.parse("a/b:8").orElseThrow().versionAtLeast("7.27")).isTrue();
        assertThat(ImageRef.parse("a/b:latest").orElseThrow().versionAtLeast("7.27")).isFalse();
    }
}
