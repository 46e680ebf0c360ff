package dev.shimscan.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PathNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/var/run/docker.sock, /var/run/docker.sock",
            "//var/run/docker.sock, /var/run/docker.sock",
            "/var//run///docker.sock, /var/run/docker.sock",
            "/var/run/./docker.sock, /var/run/docker.sock",
            "/var/lib/../run/docker.sock, /var/run/docker.sock",
            "/run/docker.sock, /var/run/docker.sock",
            "/run, /var/run",
            "/run/, /var/run",
            "/var/run/, /var/run",
            "/var/run/docker/, /var/run/docker",
            "/, /",
            "//, /",
            "/.., /",
            "/../../etc/docker, /etc/docker",
            "/runner/docker.sock, /runner/docker.sock",
            "/var/runtime, /var/runtime",
            "/etc/../run/containerd/containerd.sock, /var/run/containerd/containerd.sock",
            "/var/run/../lib/docker, /var/lib/docker",
            "var/run/docker.sock, /var/run/docker.sock",
    })
    void normalizes(String in, String out) {
        assertThat(PathNormalizer.normalize(in)).isEqualTo(out);
    }

    @Test
    void blankIsNotTheRoot() {
        assertThat(PathNormalizer.normalize("")).isEmpty();
        assertThat(PathNormalizer.normalize("  ")).isEmpty();
        assertThat(PathNormalizer.normalize(null)).isEmpty();
    }

    @Test
    void resolvesSubPathInsideMountedDirectory() {
        assertThat(PathNormalizer.resolve("/var/run", "docker.sock")).isEqualTo("/var/run/docker.sock");
        assertThat(PathNormalizer.resolve("/run/", "./docker.sock")).isEqualTo("/var/run/docker.sock");
        assertThat(PathNormalizer.resolve("/var", "run/docker.sock")).isEqualTo("/var/run/docker.sock");
        assertThat(PathNormalizer.resolve("/var/run", "")).isEqualTo("/var/run");
        assertThat(PathNormalizer.resolve("/var/run", null)).isEqualTo("/var/run");
    }

    @Test
    void comparesDirectoriesBySegment() {
        assertThat(PathNormalizer.isAtOrUnder("/var/lib/docker", "/var/lib/docker")).isTrue();
        assertThat(PathNormalizer.isAtOrUnder("/var/lib/docker/containers", "/var/lib/docker")).isTrue();
        assertThat(PathNormalizer.isAtOrUnder("/var/lib/dockershim", "/var/lib/docker")).isFalse();
        assertThat(PathNormalizer.isAtOrUnder("/var/lib", "/var/lib/docker")).isFalse();
        assertThat(PathNormalizer.isAtOrUnder("/etc", "/")).isTrue();
    }

    @Test
    void splitsNameAndParent() {
        assertThat(PathNormalizer.fileName("/var/run/docker.sock")).isEqualTo("docker.sock");
        assertThat(PathNormalizer.parent("/var/run/docker.sock")).isEqualTo("/var/run");
        assertThat(PathNormalizer.parent("/var")).isEqualTo("/");
        assertThat(PathNormalizer.fileName("/")).isEmpty();
    }
}
