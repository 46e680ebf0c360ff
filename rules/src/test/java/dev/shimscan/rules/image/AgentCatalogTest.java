package dev.shimscan.rules.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shimscan.core.model.Severity;
import dev.shimscan.rules.image.AgentCatalog.Agent;
import dev.shimscan.rules.support.ImageRef;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AgentCatalogTest {

    @Test
    void listsEveryVendorOfTheKubernetesMigrationPage() {
        List<String> fromThePage = AgentCatalog.agents().stream()
                .filter(a -> a.source().equals("kubernetes.io")).map(Agent::vendor).toList();
        assertThat(fromThePage).containsExactly("Aqua Security", "Datadog", "Dynatrace", "the Falco project (CNCF)",
                "Palo Alto Networks", "Splunk (SignalFx)", "Yahoo");
        assertThat(AgentCatalog.agents()).hasSize(11);
    }

    @Test
    void everyAgentLinksToHttpsGuidanceAndOnlyKubectlFlameIsAWarning() {
        for (Agent a : AgentCatalog.agents()) {
            assertThat(a.guidance()).startsWith("https://");
            assertThat(a.advice()).isNotBlank();
            assertThat(a.severity()).isEqualTo(a.product().startsWith("kubectl-flame") ? Severity.WARNING
                    : Severity.NOTE);
        }
    }

    @Test
    void aMisspeltFieldInTheCatalogIsAnErrorNamingIt() {
        String yaml = """
                agents:
                  - vendor: V
                    product: P
                    images: [{pattern: docker.io/v/p}]
                    guidance: https://example.com
                    advise: typo
                    source: example
                """;
        assertThatThrownBy(() -> AgentCatalogReader.read(yaml, "catalog.yaml"))
                .hasMessageContaining("catalog.yaml agent P: unknown field 'advise'");
    }

    @Test
    void readsEveryFieldOfAnAgent() {
        String yaml = """
                agents:
                  - vendor: V
                    product: P
                    images:
                      - pattern: docker.io/v/p
                        runtimeAwareSince: "1.2"
                    notAgentWhenArgs: [--exporter]
                    guidance: https://example.com
                    advice: do this
                    severity: Warning
                    source: example
                """;
        Agent agent = AgentCatalogReader.read(yaml, "catalog.yaml").get(0);
        assertThat(agent).isEqualTo(new Agent("V", "P",
                List.of(new AgentCatalog.ImagePattern("docker.io/v/p", "1.2")), List.of("--exporter"),
                "https://example.com", "do this", Severity.WARNING, "example"));
    }

    @ParameterizedTest
    @CsvSource({
            "datadog/agent:7,                                    Datadog Agent",
            "public.ecr.aws/datadog/agent:7.50.0,                Datadog Agent",
            "registry.datadoghq.com/agent:7.81.1,                Datadog Agent",
            "datadog/docker-dd-agent:latest,                     Datadog Agent",
            "aquasec/enforcer:6.5,                               Aqua Enforcer",
            "docker.io/dynatrace/oneagent,                       Dynatrace OneAgent",
            "docker.io/falcosecurity/falco:0.44.1,               Falco",
            "public.ecr.aws/falcosecurity/falco-distroless:0.39, Falco",
            "sysdig/falco:0.5,                                   Falco",
            "registry.twistlock.com/twistlock/defender:defender_31_00, Prisma Cloud Compute Defender (Twistlock)",
            "signalfx/signalfx-agent:5,                          SignalFx Smart Agent",
            "newrelic/infrastructure-k8s:2.13.2,                 New Relic infrastructure agent",
            "registry.connect.redhat.com/sysdig/agent:latest,    Sysdig agent / node image analyzer",
            "quay.io/sysdig/node-image-analyzer,                 Sysdig agent / node image analyzer",
            "ghcr.io/google/cadvisor:0.54.0,                     cAdvisor",
            "gcr.io/google_containers/cadvisor:v0.24.1,          cAdvisor",
            "weaveworks/scope:1.13.2,                            Weave Scope probe",
    })
    void findsTheAgentOfAnImage(String image, String product) {
        assertThat(AgentCatalog.find(ImageRef.parse(image).orElseThrow())).get().extracting(Agent::product)
                .isEqualTo(product);
    }

    @ParameterizedTest
    @CsvSource({
            "gcr.io/datadoghq/cluster-agent:7.50.0",
            "docker.io/falcosecurity/falco-exporter:0.8.3",
            "docker.io/falcosecurity/falcoctl:0.13.0",
            "docker.io/library/nginx:1.25",
            "quay.io/prometheus/node-exporter:v1.7.0",
            "example.com/mirror/agent:7",
            "aquasec/kube-bench:latest",
    })
    void otherImagesAreNoKnownAgents(String image) {
        assertThat(AgentCatalog.find(ImageRef.parse(image).orElseThrow())).isEmpty();
    }
}
