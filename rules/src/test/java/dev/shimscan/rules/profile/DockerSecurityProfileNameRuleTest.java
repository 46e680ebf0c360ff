package dev.shimscan.rules.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shimscan.core.model.Finding;
import dev.shimscan.core.model.Severity;
import dev.shimscan.core.model.SourceKind;
import dev.shimscan.core.testing.FixtureHarness;
import dev.shimscan.rules.image.TestPaths;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerSecurityProfileNameRuleTest {
    private static final FixtureHarness HARNESS =
            FixtureHarness.forRules(List.of(new DockerSecurityProfileNameRule()));

    @Test
    void metaMatchesTheCatalog() {
        var meta = DockerSecurityProfileNameRule.META;
        assertThat(meta.id()).isEqualTo("DS801");
        assertThat(meta.name()).isEqualTo("docker-security-profile-name");
        assertThat(meta.severity()).isEqualTo(Severity.WARNING);
        assertThat(meta.sources()).isEqualTo(Set.of(SourceKind.MANIFEST, SourceKind.CLUSTER));
    }

    @Test
    void fixturesAgreeWithTheMarkers() {
        assertThat(HARNESS.verify(TestPaths.fixtures("DS801")).expected()).isEqualTo(9);
    }

    @Test
    void findingsNameRuntimeDefault() {
        List<Finding> findings = HARNESS.verify(TestPaths.fixtures("DS801").resolve("profiles.yaml"))
                .result().findings();
        Finding pod = findings.get(0);
        assertThat(pod.path()).isEqualTo("metadata.annotations[\"seccomp.security.alpha.kubernetes.io/pod\"]");
        assertThat(pod.evidence()).isEqualTo("docker/default");
        assertThat(pod.remediation()).isEqualTo("Remove the annotation and set securityContext.seccompProfile.type: "
                + "RuntimeDefault in the pod spec.");
        Finding apparmor = findings.get(2);
        assertThat(apparmor.container()).isEqualTo("cadvisor");
        assertThat(apparmor.message()).startsWith("annotation container.apparmor.security.beta.kubernetes.io/cadvisor: "
                + "localhost/docker-default sets the AppArmor profile of container 'cadvisor'; docker-default is the "
                + "AppArmor profile that Docker Engine loads");
        assertThat(apparmor.remediation()).contains("securityContext.appArmorProfile.type: RuntimeDefault");
        Finding field = findings.get(3);
        assertThat(field.path()).isEqualTo("spec.securityContext.appArmorProfile.localhostProfile");
        assertThat(field.remediation()).isEqualTo("Set appArmorProfile: {type: RuntimeDefault} (drop "
                + "localhostProfile).");
        Finding listed = findings.get(5);
        assertThat(listed.evidence()).isEqualTo("docker/default");
        assertThat(listed.location().column()).isEqualTo(80);
        assertThat(listed.remediation()).startsWith("Write runtime/default instead of docker/default");
    }

    @Test
    void runtimeNeutralNamesAndOtherPlacesAreSilent() {
        FixtureHarness.Outcome outcome = HARNESS.run(TestPaths.fixtures("DS801").resolve("near-misses.yaml"));
        assertThat(outcome.result().findings()).isEmpty();
        assertThat(outcome.result().problems()).isEmpty();
    }
}
