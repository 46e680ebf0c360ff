package dev.shimscan.core.source.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which kubeconfig files and contexts are used, as kubectl decides it; how files are merged. */
class ClusterTargetsTest {
    @TempDir
    Path dir;

    private Path config(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static String kubeconfig(String current, String context, String cluster, String server, String caFile) {
        return "apiVersion: v1\nkind: Config\n" + (current == null ? "" : "current-context: " + current + "\n")
                + "clusters:\n- name: " + cluster + "\n  cluster:\n    server: " + server + "\n"
                + (caFile == null ? "" : "    certificate-authority: " + caFile + "\n")
                + "users:\n- name: u-" + context + "\n  user:\n    client-certificate: certs/" + context + ".crt\n"
                + "    client-key: certs/" + context + ".key\n"
                + "contexts:\n- name: " + context + "\n  context:\n    cluster: " + cluster + "\n    user: u-" + context + "\n";
    }

    private List<String> names(Map<String, String> env, ConnectionOptions options) throws ClusterConfigException {
        return new ClusterTargets(env, dir.resolve("home"), dir.resolve("no-token")).resolve(options).stream()
                .map(ClusterTarget::name).toList();
    }

    @Test
    void mergesKubeconfigFilesFirstDefinitionWinsAndResolvesPathsAgainstTheirFile() throws IOException {
        Path a = config("a/config", kubeconfig("one", "one", "shared", "https://a.example:6443", "ca.pem"));
        Path b = config("b/config", kubeconfig("two", "two", "shared", "https://b.example:6443", null)
                + "- name: one\n  context:\n    cluster: shared\n    user: u-two\n");
        Kubeconfig merged = Kubeconfig.load(List.of(a, b));
        assertThat(merged.contextNames()).containsExactly("one", "two");
        assertThat(merged.currentContext()).contains("one");
        KubeConfig two = merged.forContext("two");
        assertThat(two.getServer()).as("cluster 'shared' comes from the first file").isEqualTo("https://a.example:6443");
        assertThat(two.getCertificateAuthorityFile()).isEqualTo(dir.resolve("a/ca.pem").toString());
        assertThat(two.getClientCertificateFile()).isEqualTo(dir.resolve("b/certs/two.crt").toString());
        KubeConfig one = merged.forContext("one");
        assertThat(one.getClientKeyFile()).as("context 'one' of the first file wins")
                .isEqualTo(dir.resolve("a/certs/one.key").toString());
        assertThat(one.verifySSL()).isTrue();
    }

    @Test
    void aTokenFileIsReadWithoutItsTrailingLineBreakAsKubectlDoes() throws IOException {
        config("a/token", "sha256~abc123\n");
        String kc = kubeconfig("x", "x", "c", "https://x:6443", null).replace(
                "    client-certificate: certs/x.crt\n    client-key: certs/x.key\n", "    tokenFile: token\n");
        Path a = config("a/config", kc);
        assertThat(Kubeconfig.load(List.of(a)).forContext("x").getCredentials())
                .containsEntry(KubeConfig.CRED_TOKEN_KEY, "sha256~abc123");
        // a token file that cannot be read is left for the client to name
        Path b = config("b/config", kc);
        assertThat(Kubeconfig.load(List.of(b)).forContext("x").getUsers().toString())
                .contains("tokenFile=" + dir.resolve("b/token"));
    }

    @Test
    void insecureSkipTlsVerifyIsHonoured() throws IOException {
        Path a = config("config", kubeconfig("x", "x", "c", "https://x:6443", null)
                .replace("    server: https://x:6443\n", "    server: https://x:6443\n    insecure-skip-tls-verify: true\n"));
        assertThat(Kubeconfig.load(List.of(a)).forContext("x").verifySSL()).isFalse();
    }

    @Test
    void picksFilesLikeKubectl() throws Exception {
        Path a = config("a", kubeconfig("one", "one", "c1", "https://a:6443", null));
        Path b = config("b", kubeconfig(null, "two", "c2", "https://b:6443", null));
        config("home/.kube/config", kubeconfig("home", "home", "c3", "https://h:6443", null));
        ConnectionOptions current = new ConnectionOptions(null, List.of(), false);
        assertThat(names(Map.of(), current)).containsExactly("home");
        assertThat(names(Map.of("KUBECONFIG", b + ":" + dir.resolve("nope") + ":" + a), current))
                .as("the first current-context set wins").containsExactly("one");
        assertThat(names(Map.of("KUBECONFIG", a + ":" + b), new ConnectionOptions(null, List.of(), true)))
                .containsExactly("one", "two");
        assertThat(names(Map.of("KUBECONFIG", a.toString()), new ConnectionOptions(b, List.of("two", "two"), false)))
                .as("--kubeconfig beats KUBECONFIG; a context given twice is audited once").containsExactly("two");
    }

    @Test
    void explainsWhatIsMissing() throws IOException {
        Path b = config("b", kubeconfig(null, "two", "c2", "https://b:6443", null));
        ConnectionOptions current = new ConnectionOptions(null, List.of(), false);
        assertThatThrownBy(() -> names(Map.of(), current)).isInstanceOf(ClusterConfigException.class)
                .hasMessageStartingWith("no kubeconfig: give --kubeconfig FILE");
        assertThatThrownBy(() -> names(Map.of("KUBECONFIG", b.toString()), current))
                .hasMessageContaining("sets no current-context; give --context NAME (contexts: two)");
        assertThatThrownBy(() -> names(Map.of(), new ConnectionOptions(b, List.of("three"), false)))
                .hasMessageContaining("no context 'three'");
        assertThatThrownBy(() -> names(Map.of(), new ConnectionOptions(dir.resolve("gone"), List.of(), false)))
                .hasMessageContaining("--kubeconfig " + dir.resolve("gone") + ": no such file");
        assertThatThrownBy(() -> names(Map.of("KUBECONFIG", dir.resolve("gone").toString()), current))
                .hasMessageContaining("KUBECONFIG names no existing file");
        assertThatThrownBy(() -> names(Map.of(), new ConnectionOptions(b, List.of("two"), true)))
                .hasMessageContaining("either --context or --all-contexts");
    }

    @Test
    void inClusterWhenThereIsNoKubeconfigButAServiceAccount() throws Exception {
        Path token = config("token", "t");
        ClusterTargets targets = new ClusterTargets(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), dir.resolve("home"), token);
        assertThat(targets.resolve(new ConnectionOptions(null, List.of(), false))).extracting(ClusterTarget::name)
                .containsExactly(ClusterTargets.IN_CLUSTER);
        assertThatThrownBy(() -> targets.resolve(new ConnectionOptions(null, List.of("x"), false)))
                .hasMessageContaining("need a kubeconfig");
    }
}
