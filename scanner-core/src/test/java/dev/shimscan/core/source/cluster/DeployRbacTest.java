package dev.shimscan.core.source.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code deploy/rbac.yaml} grants get/list on exactly the types the audit reads, and never Secrets. */
class DeployRbacTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Path deployDir() {
        String configured = System.getProperty("shimscan.project.dir");
        if (configured != null && Files.isDirectory(Path.of(configured, "deploy"))) {
            return Path.of(configured, "deploy");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/rbac.yaml"))) {
                return dir.resolve("deploy");
            }
        }
        throw new IllegalStateException("deploy/ not found");
    }

    private static List<JsonNode> documents(String file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readValues(YAML.createParser(deployDir().resolve(file).toFile()), JsonNode.class)) {
            it.forEachRemaining(docs::add);
        }
        return docs;
    }

    @Test
    void theClusterRoleReadsExactlyWhatTheAuditListsAndNothingElse() throws IOException {
        JsonNode role = documents("rbac.yaml").stream().filter(d -> d.path("kind").asText().equals("ClusterRole"))
                .findFirst().orElseThrow();
        Set<String> granted = new TreeSet<>();
        Set<String> crGroups = new TreeSet<>();
        for (JsonNode rule : role.path("rules")) {
            List<String> verbs = new ArrayList<>();
            rule.path("verbs").forEach(v -> verbs.add(v.asText()));
            assertThat(verbs).containsExactly("get", "list");
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    assertThat(resource.asText()).doesNotContain("secret").doesNotContain("*");
                    granted.add(resource.asText() + (group.asText().isEmpty() ? "" : "." + group.asText()));
                    if (CustomResourceKinds.BY_GROUP.containsKey(group.asText())) {
                        crGroups.add(group.asText());
                    }
                }
            }
        }
        Set<String> read = new TreeSet<>();
        for (ResourceType t : ClusterAudit.CONTROLLERS) {
            read.add(t.qualifiedName());
        }
        read.addAll(List.of(ResourceType.NODES.qualifiedName(), ResourceType.PODS.qualifiedName(),
                ResourceType.CONFIGMAPS.qualifiedName()));
        Set<String> builtIn = new TreeSet<>(granted);
        builtIn.removeIf(g -> CustomResourceKinds.BY_GROUP.keySet().stream().anyMatch(cr -> g.endsWith("." + cr)));
        assertThat(builtIn).isEqualTo(read);
        assertThat(crGroups).isEqualTo(CustomResourceKinds.BY_GROUP.keySet());
        for (String group : CustomResourceKinds.BY_GROUP.keySet()) {
            assertThat(granted.stream().filter(g -> g.endsWith("." + group)).count()).as(group)
                    .isEqualTo(CustomResourceKinds.BY_GROUP.get(group).size());
        }
    }

    @Test
    void theCronJobRunsAJsonClusterAuditAsTheServiceAccount() throws IOException {
        JsonNode cronJob = documents("cronjob.yaml").get(0);
        JsonNode pod = cronJob.at("/spec/jobTemplate/spec/template/spec");
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo("shimscan");
        List<String> args = new ArrayList<>();
        pod.at("/containers/0/args").forEach(a -> args.add(a.asText()));
        assertThat(args).containsSubsequence("cluster", "-o", "json");
        assertThat(Files.readString(deployDir().resolve("Dockerfile"))).contains("scanner-cli/target/shimscan.jar")
                .contains("-jre");
    }
}
