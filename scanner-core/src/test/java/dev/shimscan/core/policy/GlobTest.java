package dev.shimscan.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void nameGlobsMatchWholeNamesWithStarAndQuestionMark() {
        assertThat(Glob.name("DS1*", true).matches("ds101")).isTrue();
        assertThat(Glob.name("DS1*", true).matches("DS201")).isFalse();
        assertThat(Glob.name("DS10?", false).matches("DS103")).isTrue();
        assertThat(Glob.name("DS10?", false).matches("DS1031")).isFalse();
        assertThat(Glob.name("node-exporter*", false).matches("node-exporter-v2")).isTrue();
        assertThat(Glob.name("node-exporter*", false).matches("Node-exporter")).isFalse();
        assertThat(Glob.name("a.b", false).matches("axb")).as("dots are literal").isFalse();
        assertThat(Glob.name("*", false).matches("")).isTrue();
    }

    @Test
    void pathGlobsKeepStarInsideOneDirectoryAndLetDoubleStarCrossThem() {
        assertThat(Glob.path("k8s/*.yaml").matches("k8s/a.yaml")).isTrue();
        assertThat(Glob.path("k8s/*.yaml").matches("k8s/sub/a.yaml")).isFalse();
        assertThat(Glob.path("k8s/**/*.yaml").matches("k8s/a.yaml")).isTrue();
        assertThat(Glob.path("k8s/**/*.yaml").matches("k8s/x/y/a.yaml")).isTrue();
        assertThat(Glob.path("k8s/**").matches("k8s/x/y/a.yaml")).isTrue();
        assertThat(Glob.path("charts/*/templates/").matches("charts/web/templates/deploy.yaml")).isTrue();
        assertThat(Glob.path("charts/*/templates/").matches("charts/web/values.yaml")).isFalse();
    }

    @Test
    void aPathGlobWithoutSlashMatchesAFileNameAnywhereAndADirectoryMatchesWhatIsUnderIt() {
        assertThat(Glob.path("values.yaml").matches("charts/web/values.yaml")).isTrue();
        assertThat(Glob.path("values.yaml").matches("values.yaml")).isTrue();
        assertThat(Glob.path("testdata").matches("src/testdata/x.yaml")).isTrue();
        assertThat(Glob.path("k8s/monitoring").matches("k8s/monitoring/agent.yaml")).isTrue();
        assertThat(Glob.path("k8s/monitoring").matches("other/k8s/monitoring/agent.yaml")).isFalse();
        assertThat(Glob.path("./k8s/a.yaml").matches("k8s/a.yaml")).isTrue();
        assertThat(Glob.path("**/testdata/").matches("a/b/testdata/c/d.yaml")).isTrue();
        assertThat(Glob.path("**/testdata/").matches("testdata/d.yaml")).isTrue();
        assertThat(Glob.path("testdata/").matches("a/testdata/d.yaml")).as("a trailing slash only").isTrue();
        assertThat(Glob.path("k8s/*.yaml").matches(null)).isFalse();
    }
}
