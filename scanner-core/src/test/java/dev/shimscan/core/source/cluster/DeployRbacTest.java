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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/rbac.yaml} grants get/list on exactly the types the audit reads, and never Secrets; every Role and
 * ClusterRole in any file under {@code deploy/} only reads, and every binding there grants only those roles.
 */
class DeployRbacTest {
    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

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
        return parse(Files.readString(deployDir().resolve(file)));
    }

    private static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readValues(YAML.createParser(yaml), JsonNode.class)) {
            it.forEachRemaining(d -> {
                if (d != null && !d.isNull()) {
                    docs.add(d);
                }
            });
        }
        return docs;
    }

    /**
     * Every document of every file under {@code deploy/}: the YAML files, and the {@code yaml} blocks of the
     * Markdown files (what a reader would copy and apply).
     */
    private static List<JsonNode> everyDeployDocument() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(deployDir())) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<JsonNode> docs = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                docs.addAll(parse(Files.readString(file)));
            } else if (name.endsWith(".md")) {
                Matcher block = Pattern.compile("(?ms)^```ya?ml\\s*\\n(.*?)^```").matcher(Files.readString(file));
                while (block.find()) {
                    docs.addAll(parse(block.group(1)));
                }
            }
        }
        return docs;
    }

    private static boolean isRole(JsonNode doc) {
        return doc.path("apiVersion").asText().startsWith("rbac.authorization.k8s.io/")
                && List.of("Role", "ClusterRole").contains(doc.path("kind").asText());
    }

    /** What is wrong with a Role or ClusterRole for a read-only scanner; empty when nothing is. */
    static List<String> readOnlyViolations(JsonNode role) {
        List<String> out = new ArrayList<>();
        String name = role.path("kind").asText() + " " + role.at("/metadata/name").asText();
        if (role.has("aggregationRule")) {
            out.add(name + ": aggregationRule (it would take in the rules of other roles)");
        }
        if (!role.path("rules").isArray() || role.path("rules").isEmpty()) {
            out.add(name + ": no rules");
        }
        for (JsonNode rule : role.path("rules")) {
            for (JsonNode verb : rule.path("verbs")) {
                if (!READ_VERBS.contains(verb.asText())) {
                    out.add(name + ": verb " + verb.asText());
                }
            }
            if (rule.path("verbs").isEmpty()) {
                out.add(name + ": a rule without verbs");
            }
            for (String field : List.of("apiGroups", "resources", "resourceNames", "nonResourceURLs", "verbs")) {
                for (JsonNode value : rule.path(field)) {
                    if (value.asText().contains("*")) {
                        out.add(name + ": " + field + " " + value.asText());
                    }
                }
            }
            for (JsonNode resource : rule.path("resources")) {
                if (resource.asText().toLowerCase(java.util.Locale.ROOT).contains("secret")) {
                    out.add(name + ": resource " + resource.asText());
                }
            }
        }
        return out;
    }

    @Test
    void everyRoleAndClusterRoleInDeployOnlyReadsAndNeverSecretsOrWildcards() throws IOException {
        List<JsonNode> roles = everyDeployDocument().stream().filter(DeployRbacTest::isRole).toList();
        assertThat(roles).extracting(r -> r.path("kind").asText() + " " + r.at("/metadata/name").asText())
                .containsExactly("ClusterRole shimscan-reader");
        for (JsonNode role : roles) {
            assertThat(readOnlyViolations(role)).as(role.at("/metadata/name").asText()).isEmpty();
        }
    }

    @Test
    void theCheckFindsWritesSecretsWildcardsAndAggregation() throws IOException {
        JsonNode bad = parse("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: too-much}
                aggregationRule: {clusterRoleSelectors: [{matchLabels: {x: y}}]}
                rules:
                  - apiGroups: [""]
                    resources: [pods, Secrets]
                    verbs: [get, list, watch, create]
                  - apiGroups: ["*"]
                    resources: [deployments]
                    verbs: ["*"]
                  - nonResourceURLs: ["/metrics/*"]
                    verbs: [get]
                """).get(0);
        assertThat(readOnlyViolations(bad)).containsExactly(
                "ClusterRole too-much: aggregationRule (it would take in the rules of other roles)",
                "ClusterRole too-much: verb create",
                "ClusterRole too-much: resource Secrets",
                "ClusterRole too-much: verb *",
                "ClusterRole too-much: apiGroups *",
                "ClusterRole too-much: verbs *",
                "ClusterRole too-much: nonResourceURLs /metrics/*");
    }

    @Test
    void everyBindingInDeployGrantsOnlyARoleDefinedThere() throws IOException {
        List<JsonNode> docs = everyDeployDocument();
        Set<String> roles = new TreeSet<>();
        docs.stream().filter(DeployRbacTest::isRole)
                .forEach(r -> roles.add(r.path("kind").asText() + "/" + r.at("/metadata/name").asText()));
        List<String> bindings = new ArrayList<>();
        for (JsonNode doc : docs) {
            if (List.of("RoleBinding", "ClusterRoleBinding").contains(doc.path("kind").asText())) {
                String granted = doc.at("/roleRef/kind").asText() + "/" + doc.at("/roleRef/name").asText();
                assertThat(roles).as("%s %s grants a role that deploy/ does not define (cluster-admin, view, edit "
                        + "would grant far more, Secrets included)", doc.path("kind").asText(),
                        doc.at("/metadata/name").asText()).contains(granted);
                bindings.add(doc.path("kind").asText() + " " + granted);
            }
        }
        assertThat(bindings).containsExactly("ClusterRoleBinding ClusterRole/shimscan-reader");
    }

    /** {@code --kubelet-config}'s permission, commented out in rbac.yaml: uncommented, it is get on nodes/proxy only. */
    @Test
    void theCommentedOutKubeletRuleUncommentedAddsOnlyGetOnNodesProxy() throws IOException {
        String text = Files.readString(deployDir().resolve("rbac.yaml"));
        String uncommented = text.replace("  # - apiGroups: [\"\"]\n  #   resources: [nodes/proxy]\n  #   verbs: [get]\n",
                "  - apiGroups: [\"\"]\n    resources: [nodes/proxy]\n    verbs: [get]\n");
        assertThat(uncommented).isNotEqualTo(text);
        JsonNode role = parse(uncommented).stream().filter(DeployRbacTest::isRole).findFirst().orElseThrow();
        JsonNode original = documents("rbac.yaml").stream().filter(DeployRbacTest::isRole).findFirst().orElseThrow();
        assertThat(role.path("rules")).hasSize(original.path("rules").size() + 1);
        JsonNode added = role.path("rules").get(role.path("rules").size() - 1);
        assertThat(added.toString()).isEqualTo("{\"apiGroups\":[\"\"],\"resources\":[\"nodes/proxy\"],\"verbs\":[\"get\"]}");
        assertThat(readOnlyViolations(role)).isEmpty();
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
