package dev.shimscan.core.source.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What building the client says when the credentials cannot be loaded: a file that cannot be read is named with its
 * reason; anything else client-java throws (it can quote the credential, e.g. an exec plugin's whole output) is named
 * by its type only, with no cause attached.
 */
class ClusterTargetsCredentialsTest {
    private static final String TOKEN = "shimscan-canary-2b7e90c4d1a3";
    private static final String WITHHELD = "the credentials could not be loaded (%s; its message is not shown, as it "
            + "may quote them): check the user's token, client certificate and key, or exec plugin in the kubeconfig";

    @TempDir
    Path dir;

    private IOException connectFails(String user) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n"
                + "current-context: c\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\n"
                + "users:\n- name: u\n  user:\n" + user
                + "contexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n");
        ClusterTarget target = new ClusterTargets(Map.of(), dir)
                .resolve(new ConnectionOptions(kubeconfig, List.of(), false)).get(0);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> target.connector().connect(Duration.ofSeconds(1)));
        assertThat(thrown).isInstanceOf(IOException.class).hasNoCause();
        return (IOException) thrown;
    }

    private String plugin(String output) throws IOException {
        Path script = dir.resolve("plugin.sh");
        Files.writeString(script, "#!/bin/sh\ncat <<'EOF'\n" + output + "\nEOF\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: " + script + "\n";
    }

    @Test
    void anExecPluginThatPrintsABareTokenIsNamedWithoutTheToken() throws Exception {
        assertThat(connectFails(plugin(TOKEN))).hasMessage(String.format(WITHHELD, "IllegalStateException"));
    }

    @Test
    void anExecCredentialWithoutAStatusObjectIsNamedWithoutTheToken() throws Exception {
        assertThat(connectFails(plugin("{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                + "\"status\":\"" + TOKEN + "\"}"))).hasMessage(String.format(WITHHELD, "IllegalStateException"));
    }

    @Test
    void aClientKeyFileThatDoesNotExistIsNamedWithItsPath() throws Exception {
        Path missing = dir.resolve("missing.key");
        Path cert = Files.writeString(dir.resolve("client.crt"), "not read first");
        assertThat(connectFails("    client-certificate: " + cert + "\n    client-key: " + missing + "\n"))
                .hasMessageStartingWith("cannot read " + dir.resolve("client.crt").getParent().resolve("missing.key"))
                .hasMessageEndingWith("(NoSuchFileException)");
    }
}
