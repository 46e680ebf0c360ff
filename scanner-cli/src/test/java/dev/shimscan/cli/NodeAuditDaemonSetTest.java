package dev.shimscan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/node-audit-daemonset.yaml keeps its promises: every hostPath is mounted read-only under /host at its own
 * path, is a directory the kubelet only checks (never creates), covers what {@code shimscan host} reads; no
 * privileged mode, no host network, PID or IPC namespace, no service account token, no capability beyond reading;
 * it runs {@code shimscan host --root /host -o json} with the node's name; and the README's merge one-liner selects
 * exactly these pods.
 */
class NodeAuditDaemonSetTest {
    static final Path FILE = Cli.projectDir().resolve("deploy/node-audit-daemonset.yaml");
    private static final List<JsonNode> DOCS = new ArrayList<>();
    private static JsonNode daemonSet;
    private static JsonNode pod;

    @BeforeAll
    static void read() throws IOException {
        try (MappingIterator<JsonNode> it = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(FILE.toFile())) {
            while (it.hasNext()) {
                DOCS.add(it.next());
            }
        }
        daemonSet = DOCS.stream().filter(d -> d.path("kind").asText().equals("DaemonSet")).findFirst().orElseThrow();
        pod = daemonSet.at("/spec/template/spec");
    }

    private static List<JsonNode> containers() {
        List<JsonNode> all = new ArrayList<>();
        pod.path("initContainers").forEach(all::add);
        pod.path("containers").forEach(all::add);
        assertThat(all).isNotEmpty();
        return all;
    }

    @Test
    void everyHostPathIsAReadOnlyDirectoryUnderHostAtItsOwnPath() {
        Map<String, String> hostPaths = new HashMap<>();
        pod.get("volumes").forEach(v -> {
            if (v.has("hostPath")) {
                assertThat(v.at("/hostPath/type").asText()).as("type of %s", v.get("name")).isEqualTo("Directory");
                hostPaths.put(v.get("name").asText(), v.at("/hostPath/path").asText());
            }
        });
        assertThat(hostPaths).isNotEmpty();
        Set<String> mounted = new TreeSet<>();
        for (JsonNode c : containers()) {
            c.path("volumeMounts").forEach(m -> {
                String path = hostPaths.get(m.get("name").asText());
                if (path != null) {
                    assertThat(m.path("readOnly").asBoolean(false)).as("mount of %s readOnly", path).isTrue();
                    assertThat(m.get("mountPath").asText()).isEqualTo("/host" + path);
                    assertThat(m.has("mountPropagation")).isFalse();
                    mounted.add(path);
                }
            });
        }
        assertThat(mounted).as("every hostPath volume is mounted").containsExactlyInAnyOrderElementsOf(hostPaths.values());
        // what shimscan host reads, and the brief's list (/var/spool/cron through /var/spool)
        assertThat(mounted).containsExactlyInAnyOrder("/etc", "/var/lib/kubelet", "/var/lib/cloud", "/var/spool",
                "/usr/lib/systemd/system", "/lib/systemd/system", "/usr/local/bin", "/usr/local/sbin", "/opt",
                "/root", "/home");
    }

    @Test
    void noPrivilegeBeyondReading() {
        assertThat(pod.path("hostNetwork").asBoolean(false)).isFalse();
        assertThat(pod.path("hostPID").asBoolean(false)).isFalse();
        assertThat(pod.path("hostIPC").asBoolean(false)).isFalse();
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        for (JsonNode c : containers()) {
            JsonNode sc = c.path("securityContext");
            assertThat(sc.path("privileged").asBoolean(false)).as("privileged").isFalse();
            assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(sc.path("readOnlyRootFilesystem").asBoolean(false)).isTrue();
            assertThat(sc.at("/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
            List<String> added = new ArrayList<>();
            sc.at("/capabilities/add").forEach(a -> added.add(a.asText()));
            assertThat(added).isSubsetOf("DAC_READ_SEARCH");
            assertThat(c.path("ports").isMissingNode()).isTrue();
        }
    }

    @Test
    void itRunsTheHostAuditWithTheNodesName() {
        JsonNode c = pod.get("containers").get(0);
        String script = c.get("args").get(0).asText();
        assertThat(script).contains("shimscan.jar host --root /host -o json --fail-on never;")
                .endsWith("exec sleep infinity");
        assertThat(c.at("/env/0/name").asText()).isEqualTo("NODE_NAME");
        assertThat(c.at("/env/0/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("spec.nodeName");
        assertThat(pod.at("/tolerations/0/operator").asText()).isEqualTo("Exists");
    }

    @Test
    void theReadmeOneLinerSelectsThesePods() throws IOException {
        String kubectl = HostCommandTest.readmeMergeLine().get(0);
        assertThat(kubectl).contains("-n " + daemonSet.at("/metadata/namespace").asText())
                .contains("-l app=" + daemonSet.at("/spec/template/metadata/labels/app").asText());
        assertThat(daemonSet.at("/spec/selector/matchLabels/app").asText()).isEqualTo("shimscan-node-audit");
    }

    @Test
    void theManifestItselfHasNoDockerDependency() {
        Cli.Run run = Cli.shimscan("manifests", FILE.toString(), "-o", "json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("\"findings\" : 0");
    }
}
