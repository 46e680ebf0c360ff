package dev.shimscan.core.source.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodTemplatePathsTest {
    @Test
    void mapsPodPathsIntoTemplates() {
        assertThat(PodTemplatePaths.prefixOf("CronJob")).isEqualTo("spec.jobTemplate.spec.template");
        assertThat(PodTemplatePaths.prefixOf("Workflow")).isNull();
        assertThat(PodTemplatePaths.relative("spec.template.spec.volumes[0].hostPath.path", "spec.template"))
                .isEqualTo("spec.volumes[0].hostPath.path");
        assertThat(PodTemplatePaths.relative("spec.templates[0].x", "spec.template")).isNull();
        assertThat(PodTemplatePaths.relative("spec.volumes[1].hostPath.path", "")).isEqualTo("spec.volumes[1].hostPath.path");
        assertThat(PodTemplatePaths.relative("status.phase", "")).isNull();
    }

    @Test
    void stableKeysNameListElementsSoReorderedListsStillMatch() throws Exception {
        var template = new ObjectMapper().readTree("""
                {"spec": {"volumes": [{"name": "a", "emptyDir": {}}, {"name": "sock", "hostPath": {"path": "/var/run/docker.sock"}}],
                          "containers": [{"name": "main", "args": ["x", "y"]}]}}""");
        assertThat(PodTemplatePaths.stableKey("spec.volumes[1].hostPath.path", template))
                .isEqualTo(".spec.volumes{sock}.hostPath.path");
        assertThat(PodTemplatePaths.stableKey("spec.containers[0].args[1]", template))
                .isEqualTo(".spec.containers{main}.args[1]");
        assertThat(PodTemplatePaths.parse("metadata.annotations[\"a.b/c\"][2]"))
                .isEqualTo(List.of("metadata", "annotations", "a.b/c", 2));
    }
}
