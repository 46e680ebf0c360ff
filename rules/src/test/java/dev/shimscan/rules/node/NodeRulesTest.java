package dev.shimscan.rules.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shimscan.core.engine.ResourceChecker;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.ClusterOrigin;
import dev.shimscan.core.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Severities and messages of DS401/DS402 on live nodes (the fixtures cover positions in dumps). */
class NodeRulesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static List<Finding> check(String yaml) throws Exception {
        JsonNode body = YAML.readTree(yaml);
        ResourceChecker checker = new ResourceChecker(List.of(new NodeDockerRuntimeRule(),
                new NodeCriSocketAnnotationRule()), SourceKind.CLUSTER);
        List<Finding> findings = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        checker.check(new Resource(Resource.identify(body), body, new ClusterOrigin("prod")), findings, problems);
        assertThat(problems).isEmpty();
        return findings;
    }

    private static String node(String runtime, String kubelet, String criSocket) {
        return "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n"
                + (criSocket == null ? "" : "  annotations:\n    kubeadm.alpha.kubernetes.io/cri-socket: " + criSocket + "\n")
                + "status:\n  nodeInfo:\n    containerRuntimeVersion: " + runtime + "\n"
                + (kubelet == null ? "" : "    kubeletVersion: " + kubelet + "\n");
    }

    @Test
    void dockerBelowV124IsDockershimAndAnError() throws Exception {
        List<Finding> f = check(node("docker://20.10.7", "v1.23.17", null));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.ruleId()).isEqualTo("DS401");
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message()).contains("through dockershim (kubelet v1.23.17)");
            assertThat(x.path()).isEqualTo("status.nodeInfo.containerRuntimeVersion");
            assertThat(x.evidence()).isEqualTo("docker://20.10.7");
            assertThat(x.cluster()).isEqualTo("prod");
        });
    }

    @Test
    void dockerFromV124IsCriDockerdAndAWarning() throws Exception {
        assertThat(check(node("docker://24.0.7", "v1.24.0", null))).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.message()).contains("through cri-dockerd (kubelet v1.24.0)");
        });
        assertThat(check(node("docker://24.0.7", "v1.30.1-eks-1234", null))).singleElement()
                .extracting(Finding::severity).isEqualTo(Severity.WARNING);
    }

    @Test
    void anUnknownKubeletVersionOnDockerIsAnError() throws Exception {
        assertThat(check(node("docker://20.10.7", null, null))).singleElement()
                .extracting(Finding::severity).isEqualTo(Severity.ERROR);
    }

    @Test
    void containerdAndCrioAreFine() throws Exception {
        assertThat(check(node("containerd://1.7.13", "v1.23.4", null))).isEmpty();
        assertThat(check(node("cri-o://1.28.1", "v1.28.1", "unix:///var/run/crio/crio.sock"))).isEmpty();
    }

    @Test
    void criSocketAnnotation() throws Exception {
        List<Finding> f = check(node("containerd://1.6.28", "v1.26.5", "/var/run/dockershim.sock"));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.ruleId()).isEqualTo("DS402");
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.path()).isEqualTo("metadata.annotations[\"kubeadm.alpha.kubernetes.io/cri-socket\"]");
            assertThat(x.message()).contains("dockershim");
        });
        assertThat(check(node("containerd://1.6.28", "v1.26.5", "/run/containerd/containerd.sock")))
                .singleElement().satisfies(x -> {
                    assertThat(x.message()).contains("without the unix:// scheme");
                    assertThat(x.remediation()).contains("cri-socket=unix:///run/containerd/containerd.sock");
                });
        assertThat(check(node("containerd://1.6.28", "v1.26.5", "unix:///run/containerd/containerd.sock"))).isEmpty();
    }

    @Test
    void kubeletVersions() {
        assertThat(KubeletVersion.parse("v1.23.17").hasDockershim()).isTrue();
        assertThat(KubeletVersion.parse("1.20.0").hasDockershim()).isTrue();
        assertThat(KubeletVersion.parse("v1.24.0").hasDockershim()).isFalse();
        assertThat(KubeletVersion.parse("v2.0.0").hasDockershim()).isFalse();
        assertThat(KubeletVersion.parse("unknown")).isNull();
    }
}
