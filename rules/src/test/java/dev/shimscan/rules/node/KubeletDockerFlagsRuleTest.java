package dev.shimscan.rules.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shimscan.core.engine.ResourceChecker;
import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.ScanProblem;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.resource.ClusterOrigin;
import dev.shimscan.core.resource.Resource;
import dev.shimscan.core.source.host.HostFileCategory;
import dev.shimscan.rules.support.host.HostFileFindings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DS403 severities and messages on node files, and on a node's running configuration read through /configz. */
class KubeletDockerFlagsRuleTest {
    private static final KubeletDockerFlagsRule RULE = new KubeletDockerFlagsRule();

    private static List<Finding> live(String endpoint) {
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.put("apiVersion", "kubelet.config.k8s.io/v1beta1");
        body.put("kind", "KubeletConfiguration");
        body.putObject("metadata").put("name", "node-1");
        if (endpoint != null) {
            body.put("containerRuntimeEndpoint", endpoint);
        }
        List<Finding> findings = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        new ResourceChecker(List.of(RULE), SourceKind.CLUSTER)
                .check(new Resource(Resource.identify(body), body, new ClusterOrigin("prod")), findings, problems);
        assertThat(problems).isEmpty();
        return findings;
    }

    @Test
    void liveKubeletConfigurations() {
        List<Finding> dockershim = live("unix:///var/run/dockershim.sock");
        assertThat(dockershim).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).isEqualTo("kubelet container runtime endpoint unix:///var/run/dockershim.sock of "
                    + "node 'node-1' (/configz) is dockershim, which kubelet v1.24 removed: the node cannot run pods "
                    + "after the upgrade");
            assertThat(f.path()).isEqualTo("containerRuntimeEndpoint");
            assertThat(f.cluster()).isEqualTo("prod");
        });
        assertThat(live("unix:///run/cri-dockerd.sock")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(live("unix:///run/containerd/containerd.sock")).isEmpty();
        assertThat(live(null)).isEmpty();
    }

    @Test
    void flagsOnOneLineAreReportedOneByOneAtTheirColumns() {
        List<Finding> f = HostFileFindings.of(List.of(RULE), "var/lib/kubelet/kubeadm-flags.env",
                HostFileCategory.KUBELET_FLAGS,
                "KUBELET_KUBEADM_ARGS=\"--container-runtime=docker --network-plugin=cni --cni-bin-dir=/opt/cni/bin\"\n");
        assertThat(f).extracting(x -> x.location().column() + " " + x.evidence() + " " + x.severity().label())
                .containsExactly("23 --container-runtime=docker error", "50 --network-plugin=cni error",
                        "71 --cni-bin-dir=/opt/cni/bin error");
    }

    @Test
    void onlyKubeletFilesAndKubeletLinesOfScriptsAreRead() {
        String flags = "--container-runtime=docker\n";
        assertThat(HostFileFindings.of(List.of(RULE), "etc/systemd/system/other.service.d/x.conf",
                HostFileCategory.SYSTEMD_UNIT, "ExecStart=/usr/bin/other " + flags)).isEmpty();
        assertThat(HostFileFindings.of(List.of(RULE), "etc/systemd/system/kubelet.service",
                HostFileCategory.SYSTEMD_UNIT, "ExecStart=/usr/bin/kubelet " + flags)).hasSize(1);
        assertThat(HostFileFindings.of(List.of(RULE), "opt/x.sh", HostFileCategory.SCRIPT,
                "minikube start " + flags + "kubelet " + flags)).extracting(x -> x.location().line())
                .containsExactly(2);
        assertThat(HostFileFindings.of(List.of(RULE), "etc/crontab", HostFileCategory.CRON, "kubelet " + flags))
                .isEmpty();
    }
}
