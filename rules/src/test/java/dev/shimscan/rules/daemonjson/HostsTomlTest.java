package dev.shimscan.rules.daemonjson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The generated hosts.toml files, field by field, against containerd's documented format (docs/hosts.md): a
 * root-level {@code server}, one {@code [host."URL"]} table per host in order, {@code capabilities} as a string
 * array, {@code skip_verify} as a boolean; nothing else.
 */
class HostsTomlTest {
    /** The fields containerd's hosts.toml knows at the root and in a host table. */
    private static final Set<String> KNOWN = Set.of("server", "capabilities", "ca", "client", "skip_verify", "header",
            "override_path", "dial_timeout", "proxy");
    private static final Pattern TABLE = Pattern.compile("\\[host\\.\"([^\"]+)\"\\]");
    private static final Pattern KEY_VALUE = Pattern.compile("([a-z_]+) = (.+)");

    /** A tiny reader for the TOML subset the generator writes: tables of {@code key = value} (values raw). */
    static Map<String, Map<String, String>> read(String toml) {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        Map<String, String> current = new LinkedHashMap<>();
        tables.put("", current);
        for (String line : toml.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            Matcher t = TABLE.matcher(l);
            Matcher kv = KEY_VALUE.matcher(l);
            if (t.matches()) {
                current = new LinkedHashMap<>();
                assertThat(tables.put(t.group(1), current)).as("table %s defined once", t.group(1)).isNull();
            } else if (kv.matches()) {
                assertThat(KNOWN).as("known hosts.toml field").contains(kv.group(1));
                assertThat(current.put(kv.group(1), kv.group(2))).as("key %s set once", kv.group(1)).isNull();
            } else {
                throw new AssertionError("not TOML the way containerd documents it: '" + line + "'");
            }
        }
        return tables;
    }

    @Test
    void dockerHubMirrorsBecomeHostsOfTheDockerIoNamespace() {
        HostsToml.File f = HostsToml.dockerHubMirrors(
                List.of("https://mirror.gcr.io/", "mirror.internal:5000", "http://10.0.0.5:5000"),
                Set.of("mirror.internal:5000", "10.0.0.5:5000"));
        assertThat(f.path()).isEqualTo("/etc/containerd/certs.d/docker.io/hosts.toml");
        Map<String, Map<String, String>> t = read(f.content());
        assertThat(t.keySet()).containsExactly("", "https://mirror.gcr.io", "https://mirror.internal:5000",
                "http://10.0.0.5:5000");
        assertThat(t.get("")).containsExactly(Map.entry("server", "\"https://registry-1.docker.io\""));
        assertThat(t.get("https://mirror.gcr.io")).containsExactly(Map.entry("capabilities", "[\"pull\", \"resolve\"]"));
        assertThat(t.get("https://mirror.internal:5000")).containsExactly(
                Map.entry("capabilities", "[\"pull\", \"resolve\"]"), Map.entry("skip_verify", "true"));
        // plain HTTP has no certificate to skip
        assertThat(t.get("http://10.0.0.5:5000")).containsExactly(Map.entry("capabilities", "[\"pull\", \"resolve\"]"));
        assertThat(f.content()).isEqualTo("""
                server = "https://registry-1.docker.io"

                [host."https://mirror.gcr.io"]
                  capabilities = ["pull", "resolve"]

                [host."https://mirror.internal:5000"]
                  capabilities = ["pull", "resolve"]
                  skip_verify = true

                [host."http://10.0.0.5:5000"]
                  capabilities = ["pull", "resolve"]
                """);
    }

    @Test
    void anInsecureRegistryIsItsOwnHostWithSkipVerify() {
        HostsToml.File f = HostsToml.insecureRegistry("registry.internal:5000").orElseThrow();
        assertThat(f.path()).isEqualTo("/etc/containerd/certs.d/registry.internal:5000/hosts.toml");
        Map<String, Map<String, String>> t = read(f.content());
        assertThat(t.keySet()).containsExactly("", "https://registry.internal:5000");
        assertThat(t.get("")).containsExactly(Map.entry("server", "\"https://registry.internal:5000\""));
        assertThat(t.get("https://registry.internal:5000")).containsExactly(
                Map.entry("capabilities", "[\"pull\", \"resolve\", \"push\"]"), Map.entry("skip_verify", "true"));
    }

    @Test
    void schemesHostsAndRanges() {
        HostsToml.File http = HostsToml.insecureRegistry("http://10.1.2.3:80/").orElseThrow();
        assertThat(http.path()).isEqualTo("/etc/containerd/certs.d/10.1.2.3:80/hosts.toml");
        assertThat(read(http.content()).get("http://10.1.2.3:80")).doesNotContainKey("skip_verify");
        assertThat(HostsToml.insecureRegistry("Registry.Example.COM").orElseThrow().path())
                .isEqualTo("/etc/containerd/certs.d/registry.example.com/hosts.toml");
        assertThat(HostsToml.insecureRegistry("10.0.0.0/8")).isEmpty();
        assertThat(HostsToml.insecureRegistry("fd00::/8")).isEmpty();
        assertThat(HostsToml.isCidr("registry.example.com/v2")).isFalse();
        assertThat(HostsToml.insecureHosts(List.of("10.0.0.0/8", "https://a:1", "b"))).containsExactlyInAnyOrder("a:1", "b");
    }

    @Test
    void theConfigPathSnippetNamesBothContainerdVersions() {
        List<String> lines = new ArrayList<>(List.of(HostsToml.configPath().split("\n")));
        assertThat(lines).contains("  [plugins.\"io.containerd.grpc.v1.cri\".registry]",
                "  [plugins.\"io.containerd.cri.v1.images\".registry]",
                "    config_path = \"/etc/containerd/certs.d\"");
    }
}
