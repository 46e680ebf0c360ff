package dev.shimscan.rules.daemonjson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The files a DS501 remediation carries come back exactly as {@link HostsToml} generated them. */
class ContainerdRegistryFilesTest {

    @Test
    void readsBackEveryGeneratedFileOfARemediation() {
        HostsToml.File hub = HostsToml.dockerHubMirrors(List.of("https://mirror.example.com", "https://cache.local:5000"),
                Set.of("cache.local:5000"));
        HostsToml.File insecure = HostsToml.insecureRegistry("http://10.0.0.5:5000").orElseThrow();
        String remediation = RegistryMirrorsRule.remediation(List.of(hub, insecure), List.of("10.0.0.0/8"));

        assertThat(ContainerdRegistryFiles.fromRemediation(remediation)).containsExactly(
                new ContainerdRegistryFiles.File("/etc/containerd/certs.d/docker.io/hosts.toml", hub.content()),
                new ContainerdRegistryFiles.File("/etc/containerd/certs.d/10.0.0.5:5000/hosts.toml",
                        insecure.content()));
        assertThat(hub.content()).isEqualTo("""
                server = "https://registry-1.docker.io"

                [host."https://mirror.example.com"]
                  capabilities = ["pull", "resolve"]

                [host."https://cache.local:5000"]
                  capabilities = ["pull", "resolve"]
                  skip_verify = true
                """);
    }

    @Test
    void findsNoFileInOtherTexts() {
        assertThat(ContainerdRegistryFiles.fromRemediation(null)).isEmpty();
        assertThat(ContainerdRegistryFiles.fromRemediation("Use crictl instead of docker.")).isEmpty();
    }
}
